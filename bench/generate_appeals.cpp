// silian-bench-generate: fills a database with a year of realistic appeals for the
// benchmark (bench/run.sh). Rows go through the appeals storage layer, so they are the
// rows the product writes; the handling steps follow service/flow.cpp (same statuses,
// events, deadlines and KPI rollups) without replaying each step's checks, audit entry,
// notifications and deadline jobs, which no measured page reads.
//
//   silian-bench-generate --db sqlite:bench/.data/x.db --count 1000000 [--seed 2026]
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <string_view>
#include <tuple>

#include "silian/app/modules.hpp"
#include "silian/modules/appeals/service/flow.hpp"
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/lists/api.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/core/demo.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace {
using namespace silian;
using namespace silian::appeals;

constexpr std::int64_t k_hour = 3600, k_day = 86400;
constexpr std::int64_t k_batch = 10000;  // appeals per transaction

template <typename T>
struct Weighted {
  T value;
  double weight;
};

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform(double lo = 0, double hi = 1) {
    return std::uniform_real_distribution<double>(lo, hi)(engine_);
  }
  bool chance(double p) { return uniform() < p; }
  std::size_t index(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(engine_);
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  template <typename C>
  const auto& pick(const C& pool) {
    return pool[index(pool.size())];
  }
  template <typename T, std::size_t N>
  const T& weighted(const std::array<Weighted<T>, N>& pool) {
    double total = 0;
    for (const auto& w : pool) total += w.weight;
    double x = uniform(0, total);
    for (const auto& w : pool) {
      if (x < w.weight) return w.value;
      x -= w.weight;
    }
    return pool.back().value;
  }

 private:
  std::mt19937_64 engine_;
};

// What residents write, per category: the problem in Simplified script and, for about
// one appeal in twelve, in Traditional script (relatives abroad, older residents' phones),
// so that search has to fold scripts to find them.
struct Phrases {
  const char* category;
  std::vector<const char*> simplified, traditional;
};
const std::vector<Phrases>& phrase_pools() {
  static const std::vector<Phrases> pools = {
      {"noise",
       {"楼下饭店夜里十一点后还在装修，噪音很大", "小区门口烧烤摊晚上吵到凌晨，噪音扰民",
        "附近工地夜间施工，噪音一直不停", "广场舞音响声音太大，噪音影响老人休息",
        "楼上住户每天半夜拖动家具，噪音严重", "临街酒吧音乐噪音很大，周末尤其严重",
        "空调外机噪音很大，整夜嗡嗡响", "清晨五点就有货车卸货，噪音吵醒全楼"},
       {"樓上裝修噪音很大，晚上吵得無法睡覺", "工地夜間施工噪音擾民，週末也不停工",
        "廣場舞音響太大聲，噪音影響休息"}},
      {"community-affairs",
       {"小区停车位不够，消防通道经常被私家车占用", "路灯坏了好几盏，晚上出行不安全",
        "绿化带被占用种菜，希望社区协调", "电动车在楼道充电，存在火灾隐患",
        "小区门禁坏了一个月没人修", "外来车辆随意停车，堵住小区出入口",
        "健身器材损坏，孩子玩耍有危险", "楼道堆放杂物，影响消防通道"},
       {"社區停車位不夠，消防通道經常被佔用", "路燈壞了好幾盞，晚上出行不安全",
        "電動車在樓道充電，存在火災隱患"}},
      {"garbage",
       {"垃圾桶满了两天没人清运，气味很大", "垃圾分类投放点离住户太近，夏天有异味",
        "建筑垃圾堆在楼下一个多星期没人清理", "垃圾清运车每天早上五点作业，噪音和异味扰民",
        "小区河道漂浮垃圾，无人打捞", "大件垃圾随意丢弃在绿化带里"},
       {"垃圾桶滿了兩天沒人清運，氣味很大", "建築垃圾堆在樓下一個多星期沒人清理"}},
      {"property-service",
       {"电梯经常故障停运，物业维修不及时", "电梯运行时有异响和噪音，担心安全",
        "物业费上涨但服务没有改善", "二次供水水箱多年没有清洗", "地下车库漏水严重，物业不处理",
        "单元门坏了物业迟迟不修"},
       {"電梯經常故障停運，物業維修不及時", "地下車庫漏水嚴重，物業不處理"}},
      {"neighbour-dispute",
       {"楼上卫生间漏水到我家天花板，协商多次没有结果", "邻居在公共走廊堆放杂物",
        "邻居养狗不拴绳，经常吓到孩子", "楼上阳台浇花漏水，弄脏晾晒的衣服",
        "邻居家装修损坏了我家墙面", "对门在楼道安装摄像头对着我家"},
       {"樓上衛生間漏水到我家天花板，協商多次沒有結果", "鄰居養狗不拴繩，經常嚇到孩子"}},
      {"street-vending",
       {"菜场门口占道经营，早高峰行人无法通行", "学校门口流动摊贩很多，影响交通安全",
        "夜市摊位占用人行道，油烟很大", "商铺把货物摆到人行道上"},
       {"菜場門口佔道經營，早高峰行人無法通行"}},
      {"illegal-construction",
       {"顶楼住户在楼顶违规搭建阳光房", "一楼住户私自扩建院子，占用公共绿地",
        "有人在小区空地搭建彩钢棚", "临街商铺违规加层"},
       {"頂樓住戶在樓頂違規搭建陽光房"}},
      {"food-safety",
       {"超市出售过期面包，已留存购物小票", "小餐馆后厨卫生很差，老鼠出没",
        "网购外卖吃后肚子痛，怀疑食材不新鲜", "早餐店使用来源不明的食用油"},
       {"超市出售過期麵包，已留存購物小票"}},
      {"suggestion",
       {"建议在社区广场增加几张休息座椅", "建议增设老年人助餐点", "建议增加非机动车停放区域",
        "建议社区开设儿童暑期托管班", "建议在公交站加装遮雨棚"},
       {"建議在社區廣場增加幾張休息座椅"}},
      {"doorstep-service",
       {"家中老人行动不便，需要上门办理高龄津贴认证", "残疾人需要上门办理证件年审",
        "独居老人需要上门代办医保手续", "卧床老人需要办理居住证明"},
       {"家中老人行動不便，需要上門辦理高齡津貼認證"}},
  };
  return pools;
}

const std::array<const char*, 6> k_openers = {
    "", "", "您好，", "反映一个问题：", "你好，我是附近居民，", "再次反映："};
const std::array<const char*, 8> k_impacts = {"，严重影响休息。",
                                              "，已经持续一个多月了。",
                                              "，老人孩子都受影响。",
                                              "，之前打过电话没有结果。",
                                              "，希望尽快处理。",
                                              "，请相关部门来现场看看。",
                                              "。",
                                              "，周边居民意见很大。"};
const std::array<const char*, 5> k_responses = {
    "已收到，安排人员现场查看。", "已联系相关责任人，正在核实。", "已转交网格员上门了解情况。",
    "已受理，将在规定时间内处理。", "已约定时间现场处理。"};
const std::array<const char*, 6> k_replies = {"经现场核查，问题已处理完毕，后续将加强巡查。",
                                              "已责令相关方整改，并已复查到位。",
                                              "已协调物业完成维修，请您确认。",
                                              "已约谈当事人，双方达成一致意见。",
                                              "已纳入近期整治计划，临时措施已落实。",
                                              "经核实情况属实，已依法处理。"};
const std::array<const char*, 5> k_comments = {"处理及时，谢谢。", "基本解决了，希望保持。", "",
                                               "回访：基本满意。", "回访：认为处理不彻底。"};
const std::array<const char*, 6> k_surnames = {"王", "李", "张", "刘", "陈", "杨"};

struct Unit {
  std::int64_t id = 0;
  std::string name, path, address;
  std::int64_t street_id = 0;
  std::vector<std::int64_t> grids;
  std::vector<std::string> grid_paths;
};

struct Places {
  std::vector<Unit> communities;
  std::map<std::int64_t, org::OrgUnit> units;
  std::int64_t district_id = 0;
};

Places load_places(db::Lease& lease) {
  Places out;
  for (const auto& u : org::all_units(lease)) {
    out.units[u.id] = u;
    if (u.kind == "district") out.district_id = u.id;
  }
  for (const auto& c : org::units_of_kind(lease, "community")) {
    if (!c.active) continue;
    Unit u{c.id, c.name, c.path, c.address, c.parent_id, {}, {}};
    for (const auto& [id, g] : out.units)
      if (g.kind == "grid" && g.parent_id == c.id && g.active) {
        u.grids.push_back(id);
        u.grid_paths.push_back(g.path);
      }
    out.communities.push_back(u);
  }
  return out;
}

// KPI rollups as flow.cpp counts them, summed in memory and written once at the end.
using KpiKey = std::tuple<std::string, std::string, std::int64_t>;
struct Kpis {
  std::map<KpiKey, KpiCounts> counts;
  KpiCounts& at(const std::string& month, const char* kind, std::int64_t id) {
    return counts[{month, kind, id}];
  }
  void write(db::Lease& lease) {
    for (const auto& [key, c] : counts) {
      const auto& [month, kind, id] = key;
      for (auto [field, n] : std::initializer_list<std::pair<KpiField, std::int64_t>>{
               {KpiField::dispatched, c.dispatched},
               {KpiField::responded_on_time, c.responded_on_time},
               {KpiField::rated, c.rated},
               {KpiField::resolved, c.resolved},
               {KpiField::satisfied, c.satisfied},
               {KpiField::basic, c.basic},
               {KpiField::unsatisfied, c.unsatisfied}})
        kpi_add(lease, month, kind, id, field, n);
    }
  }
};

class Generator {
 public:
  Generator(Platform& p, db::Lease& lease, std::uint64_t seed, std::int64_t now)
      : p_(p), lease_(lease), rnd_(seed), now_(now), calendar_(load_calendar(lease)) {
    places_ = load_places(lease);
    if (places_.communities.empty()) throw std::runtime_error("no communities: demo not loaded?");
    for (const auto& c : categories(lease, true)) {
      Route r{c, 0};
      if (c.route == "department")
        if (auto item = lists::find_published(lease, c.list_kind, c.list_code))
          r.department = item->department_id;
      routes_[c.code] = r;
    }
    for (const auto& pool : phrase_pools())
      if (!routes_.contains(pool.category))
        throw std::runtime_error(std::string("demo lacks category ") + pool.category);
    auto account = [&](const char* username) {
      auto a = auth::find_account_by_username(lease, username);
      return a ? a->id : 0;
    };
    street_officer_ = account("street_officer");
    community_worker_ = account("community_worker");
    district_admin_ = account("district_admin");
    api_key_ = 0;
    create_api_key(lease, "benchmark generator (Open311 client)", 0, now, &api_key_);
  }

  void one(std::int64_t received) {
    const auto& category = rnd_.weighted(k_category_mix);
    const auto& route = routes_.at(category);
    const auto& pool =
        *std::find_if(phrase_pools().begin(), phrase_pools().end(),
                      [&](const Phrases& x) { return std::string_view(category) == x.category; });
    const auto& community = places_.communities[rnd_.index(places_.communities.size())];
    Appeal a;
    a.category_id = route.category.id;
    a.channel = rnd_.weighted(k_channel_mix);
    bool traditional = rnd_.chance(1.0 / 12);
    a.description = std::string(rnd_.pick(k_openers)) +
                    (traditional ? rnd_.pick(pool.traditional) : rnd_.pick(pool.simplified)) +
                    rnd_.pick(k_impacts);
    a.community_id = community.id;
    a.place_path = community.path;
    if (!community.grids.empty() && rnd_.chance(0.8)) {
      auto g = rnd_.index(community.grids.size());
      a.grid_id = community.grids[g];
      a.place_path = community.grid_paths[g];
    }
    a.address = community.address + std::to_string(rnd_.between(1, 60)) + "号" +
                (rnd_.chance(0.6) ? std::to_string(rnd_.between(1, 4)) + "单元" : "");
    if ((a.channel == "open311" || a.channel == "qr") && rnd_.chance(0.4)) {
      a.lat = 31.56 + rnd_.uniform(0, 0.04);
      a.lng = 120.28 + rnd_.uniform(0, 0.05);
    }
    a.anonymous = (a.channel == "web" || a.channel == "qr") && rnd_.chance(0.05);
    if (!a.anonymous || rnd_.chance(0.5)) {
      a.contact_name_sealed =
          p_.vault.seal(std::string(rnd_.pick(k_surnames)) + (rnd_.chance(0.5) ? "先生" : "女士"));
      a.contact_phone_sealed =
          p_.vault.seal("13" + std::to_string(rnd_.between(100000000, 999999999)));
    }
    if (a.channel == "phone") a.entered_by = street_officer_;  // the 12345 hotline hand-off
    if (a.channel == "walk_in" || a.channel == "door_visit") a.entered_by = community_worker_;
    if (a.channel == "open311") a.api_key_id = api_key_;
    a.route = route.category.route;
    a.desk_unit_id = community.street_id;
    a.received_at = received;
    a.updated_at = received;
    a.status = "awaiting_dispatch";
    insert_appeal(lease_, a);
    event(a, a.entered_by, 0, "submitted", true, "", a.channel, received);
    handle(a, route, received);
    save_state(lease_, a);
  }

  void write_kpis() { kpis_.write(lease_); }

 private:
  struct Route {
    Category category;
    std::int64_t department = 0;
  };

  // Roughly the mix of a city district's hotline: everyday nuisances dominate.
  static constexpr std::array<Weighted<const char*>, 10> k_category_mix{{
      {"noise", 12},
      {"community-affairs", 18},
      {"garbage", 12},
      {"property-service", 14},
      {"neighbour-dispute", 10},
      {"street-vending", 8},
      {"illegal-construction", 5},
      {"food-safety", 5},
      {"suggestion", 8},
      {"doorstep-service", 8},
  }};
  static constexpr std::array<Weighted<const char*>, 6> k_channel_mix{{
      {"web", 30},
      {"qr", 15},
      {"phone", 27},
      {"walk_in", 10},
      {"door_visit", 6},
      {"open311", 12},
  }};

  void event(const Appeal& a, std::int64_t actor, std::int64_t unit, const char* kind,
             bool is_public, const std::string& body, const std::string& detail, std::int64_t at) {
    add_event(lease_, {0, a.id, at, actor, unit, kind, is_public, body, detail, "", ""});
  }

  std::string unit_name(std::int64_t id) const {
    auto it = places_.units.find(id);
    return it == places_.units.end() ? "" : it->second.name;
  }

  std::int64_t handler_for(std::int64_t unit) {
    auto it = handlers_.find(unit);
    if (it != handlers_.end()) return it->second;
    auto staff = unit_staff(lease_, unit);
    return handlers_[unit] = staff.empty() ? 0 : staff.front();
  }

  // `seconds` after `from`, and at least a minute: no two steps share a timestamp.
  static std::int64_t after(std::int64_t from, double seconds) {
    return from + std::max<std::int64_t>(60, static_cast<std::int64_t>(seconds));
  }

  // Walks the appeal through the loop as far as it has got by now: the step times come
  // from the deadlines (most steps on time, some late), a few recent appeals stall and
  // escalate, a first "not satisfied" reopens and a second goes to review.
  void handle(Appeal& a, const Route& route, std::int64_t received) {
    std::int64_t lead = a.route == "community" ? a.community_id
                        : a.route == "service" ? a.desk_unit_id
                                               : route.department;
    if (!lead) return;
    std::int64_t dispatched =
        a.route == "department" ? after(received, rnd_.uniform(0.3, 6) * k_hour) : received;
    if (dispatched > now_) return;
    a.lead_unit_id = lead;
    a.status = "dispatched";
    a.dispatched_at = dispatched;
    a.response_due = calendar_.add_working_hours(dispatched, route.category.response_hours);
    a.resolve_due = calendar_.add_working_days(dispatched, route.category.resolve_days);
    a.updated_at = dispatched;
    set_units(lease_, a.id, lead, {}, dispatched);
    kpis_.at(a.month, "unit", lead).dispatched += 1;
    event(a, a.route == "department" ? street_officer_ : 0, 0, "dispatched", true, "",
          unit_name(lead), dispatched);

    // About one recent appeal in sixty stalls: it misses its deadlines and escalates.
    bool stalls = now_ - received < 45 * k_day && rnd_.chance(1.0 / 60);
    bool answers = !stalls || rnd_.chance(0.5);
    std::int64_t handler = handler_for(lead);
    std::int64_t responded = 0;
    if (answers) {
      double share = rnd_.chance(0.92) ? rnd_.uniform(0.05, 0.9) : rnd_.uniform(1.05, 1.8);
      responded = after(dispatched, share * static_cast<double>(a.response_due - dispatched));
    }
    if (!answers || responded > now_) {
      escalate(a, "response", a.response_due);
      escalate(a, "resolve", a.resolve_due);
      return;
    }
    bool on_time = responded <= a.response_due;
    if (!on_time) escalate(a, "response", a.response_due);
    a.status = "in_progress";
    a.responded_at = responded;
    a.handler_id = handler;
    a.updated_at = responded;
    if (on_time) {
      kpis_.at(a.month, "unit", lead).responded_on_time += 1;
      if (handler) kpis_.at(a.month, "account", handler).responded_on_time += 1;
    }
    if (handler) kpis_.at(a.month, "account", handler).dispatched += 1;
    event(a, handler, lead, "responded", true, rnd_.pick(k_responses), "", responded);
    if (stalls) {
      escalate(a, "resolve", a.resolve_due);
      return;
    }
    for (int round = 0; round < 2; ++round) {
      double share = rnd_.chance(0.93) ? rnd_.uniform(0.1, 0.95) : rnd_.uniform(1.02, 1.5);
      std::int64_t replied =
          after(a.responded_at, share * static_cast<double>(a.resolve_due - a.responded_at));
      if (round == 1) replied = after(a.updated_at, rnd_.uniform(1, 4) * k_day);
      if (replied > a.resolve_due) escalate(a, "resolve", a.resolve_due);
      if (replied > now_) return;
      a.status = "replied";
      a.replied_at = replied;
      a.public_reply = rnd_.pick(k_replies);
      a.updated_at = replied;
      event(a, handler, lead, "replied", true, a.public_reply, "", replied);

      std::int64_t rated = after(replied, rnd_.uniform(2 * k_hour, 3 * k_day));
      if (rated > now_) return;
      // A return visit by the street centre (never the handler) when the resident does
      // not rate; these appeals have no resident account, so no rating window applies.
      bool by_staff = rnd_.chance(0.4);
      double x = rnd_.uniform();
      Rating rating = round == 0 ? (x < 0.82   ? Rating::satisfied
                                    : x < 0.94 ? Rating::basic
                                               : Rating::unsatisfied)
                                 : (x < 0.6    ? Rating::satisfied
                                    : x < 0.85 ? Rating::basic
                                               : Rating::unsatisfied);
      bool resolved = rating == Rating::satisfied ? rnd_.chance(0.97)
                      : rating == Rating::basic   ? rnd_.chance(0.85)
                                                  : rnd_.chance(0.3);
      a.rating = rating_name(rating);
      a.resolved = resolved;
      a.updated_at = rated;
      event(a, by_staff ? street_officer_ : 0, by_staff ? a.desk_unit_id : 0,
            by_staff ? "visited" : "rated", true, rnd_.pick(k_comments),
            a.rating + (resolved ? ":resolved" : ":unresolved"), rated);
      auto next = status_after_rating(rating, a.reopen_count);
      if (next == "in_progress") {
        a.reopen_count += 1;
        a.status = "in_progress";
        a.escalation_level = 0;
        a.replied_at = 0;
        a.public_reply.clear();
        a.resolve_due = calendar_.add_working_days(rated, 5);
        event(a, 0, 0, "reopened", true, "", "", rated);
        continue;
      }
      // Only the rating that ends the loop counts, once per appeal.
      a.status = next;
      for (auto [kind, id] :
           {std::pair<const char*, std::int64_t>{"unit", lead}, {"account", handler}}) {
        if (!id) continue;
        auto& k = kpis_.at(a.month, kind, id);
        k.rated += 1;
        k.resolved += resolved ? 1 : 0;
        (rating == Rating::satisfied ? k.satisfied
         : rating == Rating::basic   ? k.basic
                                     : k.unsatisfied) += 1;
      }
      if (next == "closed") {
        a.closed_at = rated;
        return;
      }
      std::int64_t reviewed = after(rated, rnd_.uniform(1, 6) * k_day);
      if (reviewed > now_) return;
      a.status = "closed";
      a.closed_at = reviewed;
      a.updated_at = reviewed;
      event(a, district_admin_, places_.district_id, "reviewed", true,
            "经区级复核，处理程序合规，已向诉求人解释说明。", "", reviewed);
      return;
    }
  }

  // The deadline job's escalation (run_deadline_job) when a deadline has passed.
  void escalate(Appeal& a, const char* kind, std::int64_t due) {
    if (!due || due > now_ || a.escalation_level >= k_top_level) return;
    a.escalation_level = next_level(a.escalation_level);
    a.updated_at = std::max(a.updated_at, due);
    const auto& street = places_.units.at(a.desk_unit_id);
    std::int64_t supervisor = a.escalation_level == 1 && a.lead_unit_id != a.desk_unit_id
                                  ? a.desk_unit_id
                                  : street.parent_id;
    event(a, 0, supervisor, "escalated", true, "", std::string(kind) + ":" + unit_name(supervisor),
          due);
  }

  Platform& p_;
  db::Lease& lease_;
  Random rnd_;
  std::int64_t now_;
  WorkCalendar calendar_;
  Places places_;
  std::map<std::string, Route> routes_;
  std::map<std::int64_t, std::int64_t> handlers_;
  std::int64_t street_officer_ = 0, community_worker_ = 0, district_admin_ = 0, api_key_ = 0;
  Kpis kpis_;
};

// Fraction of a local day -> seconds after local midnight, weighted like a hotline's day:
// few appeals at night, most between 8:00 and 22:00. Monotone, so ids stay in time order.
std::int64_t second_of_day(double fraction) {
  static const std::array<double, 24> weights = {1, 0.6, 0.4, 0.3, 0.3, 0.6, 2, 4, 7, 9, 9, 8,
                                                 6, 7,   8,   8,   7,   7,   7, 8, 8, 6, 4, 2};
  double total = 0;
  for (double w : weights) total += w;
  double x = fraction * total;
  for (std::size_t h = 0; h < weights.size(); ++h) {
    if (x < weights[h])
      return static_cast<std::int64_t>(h) * k_hour +
             static_cast<std::int64_t>(x / weights[h] * k_hour);
    x -= weights[h];
  }
  return k_day - 1;
}

struct Options {
  std::string db;
  std::int64_t count = 1000000;
  std::uint64_t seed = 2026;
};

int run(const Options& o) {
  Config config;
  config.apply_environment();
  config.db_url = o.db;
  config.threads = 1;  // one writer; the pool would only open idle connections
  SystemClock clock;
  Platform p(config, clock, app::modules());
  p.migrate();
  if (core::load_demo(p)) std::cerr << "demo district loaded\n";
  auto lease = p.db->lease();
  if (lease.engine() == db::Engine::sqlite) {
    // Bulk load only: a crash mid-way means generating again, so commits need not be
    // durable, and a large page cache keeps the random-token index out of the disk.
    // The server opens its own connections with synchronous=FULL.
    lease.session() << "PRAGMA synchronous=OFF";
    lease.session() << "PRAGMA cache_size=-524288";
  }
  const auto now = clock.now();
  const auto start = now - 365 * k_day;
  const std::int64_t span = now - start;
  auto began = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  std::unique_ptr<Generator> gen;
  {
    db::Transaction tx(lease);
    gen = std::make_unique<Generator>(p, lease, o.seed, now);
    tx.commit();
  }
  for (std::int64_t done = 0; done < o.count;) {
    db::Transaction tx(lease);
    std::int64_t end = std::min(o.count, done + k_batch);
    for (; done < end; ++done) {
      // Evenly spread over the year in id order; within a day, shaped by the hour.
      double at =
          static_cast<double>(span) * static_cast<double>(done) / static_cast<double>(o.count);
      std::int64_t local = start + k_local_offset + static_cast<std::int64_t>(at);
      std::int64_t midnight = local - local % k_day;
      double fraction = static_cast<double>(local % k_day) / k_day;
      std::int64_t received = midnight + second_of_day(fraction) - k_local_offset;
      gen->one(std::min(received, now - 60));
    }
    tx.commit();
    if (done % 100000 == 0 || done == o.count)
      std::fprintf(stderr, "%lld appeals, %.0f s, %.0f rows/s\n", static_cast<long long>(done),
                   elapsed(), static_cast<double>(done) / elapsed());
  }
  {
    db::Transaction tx(lease);
    gen->write_kpis();
    tx.commit();
  }
  if (lease.engine() == db::Engine::sqlite) lease.session() << "PRAGMA wal_checkpoint(TRUNCATE)";
  double seconds = elapsed();
  std::printf("generated %lld appeals in %.1f s: %.0f rows/s\n", static_cast<long long>(o.count),
              seconds, static_cast<double>(o.count) / seconds);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  silian::crypto::init();
  auto logger = spdlog::stderr_logger_mt("silian");
  logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  CLI::App app{"Fill a Silian database with realistic appeals for the benchmark"};
  Options o;
  app.add_option("--db", o.db, "database URL (sqlite:PATH or postgresql://...)")->required();
  app.add_option("--count", o.count, "appeals to generate (default 1000000)")
      ->check(CLI::Range(1LL, 100000000LL));
  app.add_option("--seed", o.seed, "random seed (default 2026)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "silian-bench-generate: " << e.what() << "\n";
    return 2;
  }
}
