#include "silian/modules/appeals/seed/demo_seed.hpp"

#include <array>

#include "silian/modules/appeals/service/flow.hpp"
#include "silian/modules/lists/api.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::appeals {
namespace {
struct DemoCategory {
  const char *code, *name, *group, *keywords, *kind, *item, *route;
  int hours, days;
};
// Routes follow the lists: administrative affairs go to their department through the
// street centre, statutory duties stay with the community, door-to-door help is a
// delegated service of the street centre.
constexpr std::array<DemoCategory, 10> k_categories{{
    {"illegal-construction", "违法建设", "城市管理", "违建,搭建,加层", "administrative", "G01",
     "department", 24, 10},
    {"street-vending", "占道经营", "城市管理", "摆摊,占道,乱设摊", "administrative", "G02",
     "department", 24, 5},
    {"garbage", "垃圾清运", "环境卫生", "垃圾,清运,分类", "administrative", "G03", "department", 12,
     3},
    {"noise", "噪音扰民", "生态环境", "噪音,噪声,扰民,油烟", "administrative", "G10", "department",
     24, 5},
    {"food-safety", "食品安全", "市场监管", "食品,餐饮,过期", "administrative", "G08", "department",
     24, 5},
    {"property-service", "物业服务", "住房管理", "物业,电梯,维修", "administrative", "G16",
     "department", 24, 7},
    {"neighbour-dispute", "邻里纠纷", "社区自治", "邻里,纠纷,漏水,调解", "duty", "D03", "community",
     24, 7},
    {"community-affairs", "小区公共事务", "社区自治", "停车,绿化,公共设施,路灯", "duty", "D02",
     "community", 24, 10},
    {"suggestion", "意见建议", "社区自治", "建议,意见", "duty", "D05", "community", 48, 10},
    {"doorstep-service", "上门代办", "便民服务", "代办,上门,老人,证明", "service", "S01", "service",
     24, 5},
}};

struct DemoHoliday {
  const char *day, *kind, *name;
};
// The 2026 public holidays and adjusted working days as the demo calendar; the
// administrator maintains the real one each year.
constexpr std::array<DemoHoliday, 33> k_days{{
    {"2026-01-01", "holiday", "元旦"},       {"2026-01-02", "holiday", "元旦"},
    {"2026-01-03", "holiday", "元旦"},       {"2026-01-04", "workday", "元旦调休"},
    {"2026-02-14", "workday", "春节调休"},   {"2026-02-15", "holiday", "春节"},
    {"2026-02-16", "holiday", "春节"},       {"2026-02-17", "holiday", "春节"},
    {"2026-02-18", "holiday", "春节"},       {"2026-02-19", "holiday", "春节"},
    {"2026-02-20", "holiday", "春节"},       {"2026-02-21", "holiday", "春节"},
    {"2026-02-22", "holiday", "春节"},       {"2026-02-23", "holiday", "春节"},
    {"2026-02-28", "workday", "春节调休"},   {"2026-04-04", "holiday", "清明节"},
    {"2026-04-05", "holiday", "清明节"},     {"2026-04-06", "holiday", "清明节"},
    {"2026-05-01", "holiday", "劳动节"},     {"2026-05-02", "holiday", "劳动节"},
    {"2026-05-03", "holiday", "劳动节"},     {"2026-05-04", "holiday", "劳动节"},
    {"2026-05-05", "holiday", "劳动节"},     {"2026-06-19", "holiday", "端午节"},
    {"2026-06-20", "holiday", "端午节"},     {"2026-06-21", "holiday", "端午节"},
    {"2026-09-25", "holiday", "中秋节"},     {"2026-10-01", "holiday", "国庆节"},
    {"2026-10-02", "holiday", "国庆节"},     {"2026-10-05", "holiday", "国庆节"},
    {"2026-10-06", "holiday", "国庆节"},     {"2026-10-07", "holiday", "国庆节"},
    {"2026-10-10", "workday", "国庆节调休"},
}};

struct DemoAppeal {
  const char* category;
  const char* text;
  const char* address;
  int community;      // index among the demo communities
  const char* stage;  // how far through the loop it has gone
};
constexpr std::array<DemoAppeal, 16> k_appeals{{
    {"noise", "楼下饭店夜里十一点后还在装修，噪音很大，影响老人休息。", "广益路12号", 0, "closed"},
    {"noise", "小区门口烧烤摊油烟和噪音扰民，晚上吵到凌晨。", "广益路8号", 0, "replied"},
    {"community-affairs", "小区停车位不够，消防通道经常被私家车占用。", "广益路1号", 0,
     "in_progress"},
    {"garbage", "3号楼旁垃圾桶满了两天没人清运，气味很大。", "广益路3号", 0, "dispatched"},
    {"illegal-construction", "顶楼住户在楼顶违规搭建阳光房。", "广益路5号", 0, "awaiting"},
    {"neighbour-dispute", "楼上卫生间漏水到我家天花板，协商多次没有结果。", "广益路1号2单元", 0,
     "closed_basic"},
    {"doorstep-service", "家中老人行动不便，需要上门办理高龄津贴认证。", "广益路2号", 0,
     "in_progress"},
    {"property-service", "电梯经常故障停运，物业维修不及时。", "江海路6号", 3, "reopened"},
    {"street-vending", "菜场门口占道经营，早高峰行人无法通行。", "江海路菜场", 3, "dispatched"},
    {"community-affairs", "小区路灯坏了好几盏，晚上出行不安全。", "广益路20号", 1, "closed"},
    {"suggestion", "建议在社区广场增加几张休息座椅。", "社区广场", 1, "replied"},
    {"food-safety", "超市出售过期面包，已留存购物小票。", "广益路商业街", 2, "review"},
    {"garbage", "垃圾分类投放点设置不合理，离住户太近。", "江海路9号", 4, "dispatched"},
    {"noise", "附近工地夜间施工噪声扰民，周末也不停工。", "江海路工地", 5, "overdue"},
    {"community-affairs", "小区绿化带被占用种菜，希望社区协调。", "江海路15号", 5, "awaiting_c"},
    {"neighbour-dispute", "邻居在楼道堆放杂物，存在消防隐患。", "广益路1号1单元", 0, "dispatched"},
}};
}  // namespace

void seed_demo(Platform& p, db::Lease& lease) {
  for (std::size_t i = 0; i < k_categories.size(); ++i) {
    const auto& c = k_categories[i];
    Category cat;
    cat.code = c.code;
    cat.name = c.name;
    cat.description = std::string(c.name) + "相关的诉求";
    cat.group_name = c.group;
    cat.keywords = c.keywords;
    cat.list_kind = c.kind;
    cat.list_code = c.item;
    cat.route = c.route;
    cat.response_hours = c.hours;
    cat.resolve_days = c.days;
    cat.sort_order = static_cast<std::int64_t>(i);
    insert_category(lease, cat);
  }
  for (const auto& d : k_days) put_holiday(lease, {d.day, d.kind, d.name});
  auto communities = org::units_of_kind(lease, "community");
  if (communities.empty()) return;
  auto grid = org::find_unit_by_code(lease, communities[0].code + "-g1");
  insert_service_point(lease, {0, "guangyi-jiayuan-hall", "广益佳苑社区党群服务中心", "广益路1号",
                               "", communities[0].id, grid ? grid->id : 0});
  insert_service_point(lease, {0, "guangyi-jiayuan-gate", "广益佳苑小区北门", "广益路1号北门", "",
                               communities[0].id, 0});

  auto resident = auth::find_account_by_username(lease, "resident");
  auto street_officer = auth::find_account_by_username(lease, "street_officer");
  auto dept_officer = auth::find_account_by_username(lease, "department_officer");
  auto worker = auth::find_account_by_username(lease, "community_worker");
  auto dept_unit = org::find_unit_by_code(lease, "dept-urban");
  std::int64_t dept_officer_unit = dept_unit ? dept_unit->id : 0;
  auto now = p.clock.now();
  std::int64_t step = 0;
  for (const auto& d : k_appeals) {
    auto cat = find_category_by_code(lease, d.category);
    if (!cat) continue;
    const auto& community = communities[static_cast<std::size_t>(d.community) % communities.size()];
    // Spread over the last three weeks, oldest first.
    auto at = now - (21 - step * 1) * 86400 - 3600 * (step % 7);
    ++step;
    Intake in;
    in.category_id = cat->id;
    in.description = d.text;
    in.community_id = community.id;
    in.address = d.address;
    in.channel = step % 3 == 0 ? "phone" : "web";
    if (d.community == 0 && resident) {
      in.resident_id = resident->id;
    } else {
      in.contact_name = "居民";
      in.contact_phone = "1390000" + std::to_string(1000 + step);
      in.entered_by = worker ? worker->id : 0;
      in.channel = "phone";
    }
    auto outcome = submit(p, lease, in, at);
    auto* a = std::get_if<Appeal>(&outcome);
    if (!a) continue;
    std::string stage = d.stage;
    if (stage == "awaiting" || stage == "awaiting_c") continue;
    // The demo street officer works for 广益街道; other streets dispatch unnamed.
    Actor street{
        street_officer && a->desk_unit_id == communities[0].parent_id ? street_officer->id : 0,
        a->desk_unit_id};
    if (a->status == "awaiting_dispatch") {
      auto item = lists::find_published(lease, cat->list_kind, cat->list_code);
      if (!item) continue;
      dispatch(lease, *a, street, item->department_id, {}, at + 1800);
    }
    if (stage == "dispatched") continue;
    if (stage == "overdue") continue;  // left unanswered: escalates on the next tick
    // The demo has one department officer (城管局) and one community worker (广益佳苑):
    // other units' steps are recorded without a named handler.
    std::int64_t handler_id = 0;
    if (dept_officer && a->lead_unit_id == dept_officer_unit) handler_id = dept_officer->id;
    if (worker && a->lead_unit_id == communities[0].id) handler_id = worker->id;
    Actor handler{handler_id, a->lead_unit_id};
    respond(lease, *a, handler, "已收到，安排人员现场查看。", at + 3 * 3600);
    if (stage == "in_progress") continue;
    reply(lease, *a, handler, "经现场核查，问题已处理完毕，后续将加强巡查。", 0, at + 2 * 86400);
    if (stage == "replied") continue;
    Actor rater{a->resident_id, 0};
    // Return visits are the street centre's, three days after a reply nobody rated.
    auto replied = at + 2 * 86400;
    auto visit = replied + 3 * 86400 + 3600;
    if (stage == "closed" && a->resident_id)
      rate(lease, *a, rater, "satisfied", true, "处理及时，谢谢。", false, replied + 86400);
    else if (stage == "closed")  // entered by phone: the street calls back
      rate(lease, *a, street, "satisfied", true, "电话回访：满意。", true, replied + 86400);
    else if (stage == "closed_basic")
      rate(lease, *a, street, "basic", true, "回访：基本满意。", true, visit);
    else if (stage == "review") {
      // Not satisfied twice: reopened once, then sent to the district for review.
      rate(lease, *a, street, "unsatisfied", false, "回访：认为处理不彻底。", true, visit);
      reply(lease, *a, handler, "已约谈超市负责人并下架过期商品。", 0, visit + 3600);
      rate(lease, *a, street, "unsatisfied", false, "回访：要求赔偿未解决。", true,
           visit + 3 * 86400 + 7200);
    } else if (stage == "reopened") {
      rate(lease, *a, street, "unsatisfied", false, "回访：电梯仍然故障。", true, visit);
    }
  }
}
}  // namespace silian::appeals
