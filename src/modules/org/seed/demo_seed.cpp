#include "silian/modules/org/seed/demo_seed.hpp"

#include <array>
#include <random>

#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::org {
namespace {
struct DemoCommunity {
  const char* code;
  const char* name;
  const char* road;
};

std::int64_t add(db::Lease& lease, std::int64_t parent, const std::string& kind,
                 const std::string& code, const std::string& name, std::int64_t now,
                 const std::string& address = "") {
  OrgUnit u{0, parent, kind, code, name, address, "", true};
  return insert_unit(lease, u, now);
}

std::int64_t demo_account(Platform& p, db::Lease& lease, const std::string& role,
                          const std::string& name, std::int64_t unit, std::int64_t now) {
  auto hash = crypto::hash_password(k_demo_password, p.config.password_cost);
  auto id = auth::insert_account(lease, {0, role, name, hash, "active", now});
  auth::assign_role(lease, id, role, unit, 0, now);
  return id;
}
}  // namespace

void seed_demo(Platform& p, db::Lease& lease) {
  auto now = p.clock.now();
  auto district = add(lease, 0, "district", "chongan", "崇安区", now);
  struct StreetSpec {
    const char* code;
    const char* name;
    std::array<DemoCommunity, 3> communities;
  };
  const std::array<StreetSpec, 2> streets{{
      {"guangyi",
       "广益街道",
       {{{"guangyi-jiayuan", "广益佳苑社区", "广益路"},
         {"guangrui", "广瑞一村社区", "广瑞路"},
         {"shangma", "上马墩社区", "上马墩路"}}}},
      {"jianghai",
       "江海街道",
       {{{"jianghai-xincun", "江海新村社区", "江海西路"},
         {"tongjiang", "通江社区", "通江大道"},
         {"chongansi", "崇安寺社区", "崇安寺路"}}}},
  }};
  const std::array<std::pair<const char*, const char*>, 8> departments{{
      {"dept-urban", "区城管局"},
      {"dept-housing", "区住建局"},
      {"dept-civil", "区民政局"},
      {"dept-police", "公安崇安分局派出所"},
      {"dept-market", "区市场监管局"},
      {"dept-eco", "区生态环境局"},
      {"dept-health", "区卫健委"},
      {"dept-hr", "区人社局"},
  }};
  std::int64_t first_department = 0;
  for (const auto& [code, name] : departments) {
    auto id = add(lease, district, "department", code, name, now);
    if (!first_department) first_department = id;
  }

  static const std::array<const char*, 20> surnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                       "赵", "吴", "周", "徐", "孙", "马", "朱",
                                                       "胡", "郭", "何", "高", "林", "钱"};
  static const std::array<const char*, 20> given = {
      "建国", "秀英", "志强", "丽华", "海燕", "明", "静",   "伟",   "芳",   "军",
      "洁",   "磊",   "婷",   "强",   "敏",   "红", "春梅", "国平", "小龙", "雨涵"};
  std::mt19937 rng(20261129);  // fixed: the demo is the same on every machine
  std::int64_t first_street = 0, first_community = 0, first_grid = 0, social_org = 0;
  int community_index = 0;
  for (const auto& s : streets) {
    auto street = add(lease, district, "street", s.code, s.name, now);
    if (!first_street) first_street = street;
    for (const auto& c : s.communities) {
      auto community = add(lease, street, "community", c.code, c.name, now, std::string(c.road));
      if (!first_community) first_community = community;
      std::array<std::int64_t, 3> grids{};
      for (int g = 0; g < 3; ++g) {
        grids[g] = add(lease, community, "grid", std::string(c.code) + "-g" + std::to_string(g + 1),
                       std::string(c.name) + "第" + std::to_string(g + 1) + "网格", now);
        if (!first_grid) first_grid = grids[g];
      }
      add(lease, community, "property_company", std::string(c.code) + "-pm",
          std::string(c.road) + "物业服务有限公司", now);
      add(lease, community, "owners_committee", std::string(c.code) + "-oc",
          std::string(c.name) + "业主委员会", now);
      auto so = add(lease, community, "social_organization", std::string(c.code) + "-so",
                    std::string(c.name) + "邻里互助社", now);
      if (!social_org) social_org = so;
      add(lease, community, "unit", std::string(c.code) + "-unit", std::string(c.road) + "小学",
          now);

      // 200 households of 1-4 residents each per community: about 3,000 residents.
      for (int h = 0; h < 200; ++h) {
        int building = h / 24 + 1, unit_no = (h / 12) % 2 + 1,
            room = (h % 12) / 2 * 100 + 101 + h % 2;
        std::string address = std::string(c.road) +
                              std::to_string(community_index * 10 + building) + "号" +
                              std::to_string(unit_no) + "单元" + std::to_string(room) + "室";
        auto household = insert_household(lease, {0, community, grids[h % 3], address, 0}, now);
        int members = 1 + static_cast<int>(rng() % 4);
        for (int m = 0; m < members; ++m) {
          Resident r;
          r.community_id = community;
          r.household_id = household;
          r.name = std::string(surnames[rng() % surnames.size()]) + given[rng() % given.size()];
          std::string phone =
              "13" + std::to_string(5 + rng() % 5) + std::to_string(10000000 + rng() % 89999999);
          r.phone_sealed = p.vault.seal(phone);
          r.status = "verified";
          r.stated_address = address;
          insert_resident(lease, r, p.vault.blind_index(phone), now);
        }
      }
      ++community_index;
    }
  }

  // One demo account per role, each where that role naturally sits.
  const std::array<std::tuple<const char*, const char*, std::int64_t>, 15> accounts{{
      {"district_admin", "区治理办管理员", district},
      {"leader", "区领导 周明", district},
      {"auditor", "区审计员", district},
      {"evaluator", "第三方测评员", district},
      {"street_officer", "广益街道 钱伟", first_street},
      {"department_officer", "城管局 孙磊", first_department},
      {"community_director", "社区书记 李秀英", first_community},
      {"community_worker", "社工 张丽华", first_community},
      {"council_member", "议事会成员 陈建国", first_community},
      {"supervisor", "监委会成员 杨静", first_community},
      {"grid_worker", "网格员 刘强", first_grid},
      {"social_org_member", "互助社 黄婷", social_org},
      {"social_worker", "持证社工 吴敏", first_community},
      {"volunteer", "志愿者 徐国平", first_community},
      {"resident", "居民 王建国", first_community},
  }};
  for (const auto& [role, name, unit] : accounts) {
    auto id = demo_account(p, lease, role, name, unit, now);
    if (std::string(role) == "resident") {
      auto household = find_household_at(lease, first_community, "广益路1号1单元101室");
      Resident r;
      r.community_id = first_community;
      r.household_id = household ? household->id : 0;
      r.account_id = id;
      r.name = name;
      r.phone_sealed = p.vault.seal("13800000015");
      r.status = "verified";
      r.stated_address = "广益路1号1单元101室";
      insert_resident(lease, r, p.vault.blind_index("13800000015"), now);
    }
  }
}
}  // namespace silian::org
