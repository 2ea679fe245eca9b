#include "silian/modules/deliberation/seed/demo_seed.hpp"

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::deliberation {
namespace {
std::optional<auth::Principal> principal(db::Lease& lease, const char* username) {
  auto account = auth::find_account_by_username(lease, username);
  if (!account) return std::nullopt;
  return auth::load_principal(lease, *account);
}
}  // namespace

void seed_demo(Platform& p, db::Lease& lease) {
  auto communities = org::units_of_kind(lease, "community");
  if (communities.empty()) return;
  const auto& first = communities.front();
  auto now = p.clock.now();

  Council council{0,
                  first.id,
                  "",
                  "",
                  "consultation",
                  first.name + "协商议事委员会",
                  "# 议事规则\n\n1. 议题须经议事会讨论后方可表决。\n2. 会议通知至少提前三日公布，"
                  "未列入通知的事项不得表决。\n3. 表决采用出席成员过半数通过。\n",
                  "2025-01-01",
                  "2027-12-31",
                  5,
                  now};
  council.id = insert_council(lease, council);
  Council supervisory{0,
                      first.id,
                      "",
                      "",
                      "supervisory",
                      first.name + "社区事务监督委员会",
                      "# 监督规则\n\n监督委员会对决议执行进行监督，验收后签字确认。\n",
                      "2025-01-01",
                      "2027-12-31",
                      0,
                      now};
  supervisory.id = insert_council(lease, supervisory);
  auto account_id = [&](const char* username) {
    auto a = auth::find_account_by_username(lease, username);
    return a ? a->id : 0;
  };
  insert_member(lease,
                {0, council.id, account_id("community_director"), "李秀英", "chair", "party",
                 "2025-01-01", "2027-12-31"},
                now);
  insert_member(lease,
                {0, council.id, account_id("council_member"), "陈建国", "member", "resident",
                 "2025-01-01", "2027-12-31"},
                now);
  insert_member(
      lease, {0, council.id, 0, "赵美华", "member", "property", "2025-01-01", "2027-12-31"}, now);
  insert_member(lease, {0, council.id, 0, "周德明", "member", "owners", "2025-01-01", "2027-12-31"},
                now);
  insert_member(lease,
                {0, supervisory.id, account_id("supervisor"), "杨静", "chair", "resident",
                 "2025-01-01", "2027-12-31"},
                now);
  insert_member(lease,
                {0, supervisory.id, 0, "孙桂兰", "member", "resident", "2025-01-01", "2027-12-31"},
                now);

  // A topic from each source.
  auto worker = principal(lease, "community_worker");
  auto member = principal(lease, "council_member");
  auto resident = principal(lease, "resident");
  appeals::Filter f;
  f.place_path = first.path;
  if (worker) {
    // The parking appeal if the demo has it (the topic is named after it), else the
    // newest community matter.
    std::optional<appeals::Appeal> chosen;
    for (const auto& a : appeals::search(lease, f, 50, 0))
      if (a.route == "community" && (!chosen || a.description.find("停车") != std::string::npos))
        chosen = a;
    if (chosen)
      from_appeal(lease, *worker, chosen->id,
                  chosen->description.find("停车") != std::string::npos ? "小区公共区域停车秩序整治"
                                                                        : "社区公共事务协商",
                  now - 5 * 86400);
  }
  if (member)
    from_council(lease, *member, first.id, "加装电梯费用分摊方案",
                 "3号楼居民申请加装电梯，需协商各楼层费用分摊比例及后续维护费用。",
                 now - 3 * 86400);
  if (resident)
    propose(lease, *resident, "增设小区充电桩",
            "电动自行车充电难，楼道飞线充电存在安全隐患，建议在北门附近增设集中充电桩。",
            now - 86400);

  // A council meeting a week ahead on the topics on the list, noticed, with an official
  // and a department invited (邀约), online as well as in the hall.
  auto director = principal(lease, "community_director");
  if (!director) return;
  MeetingDraft d;
  d.community_id = first.id;
  d.title = "2026年第4次议事协商会";
  d.kind = "council";
  d.place = "广益佳苑社区党群服务中心二楼会议室";
  d.online_url = "https://meeting.example.org/guangyi-jiayuan";
  d.starts_at = (now / 3600) * 3600 + 7 * 86400;
  d.ends_at = d.starts_at + 2 * 3600;
  for (const auto& t : topics(lease, {first.id, "accepted", ""}, 10, 0))
    d.topic_ids.push_back(t.id);
  auto meeting = convene(lease, *director, d, now);
  if (!meeting.ok()) return;
  invite(lease, *director, meeting.topic_id, "leader", "", "请区领导听取居民意见并协调相关部门。",
         now);
  invite(lease, *director, meeting.topic_id, "", "dept-urban", "涉及公共区域停车和占道问题。", now);
  publish_notice(lease, *director, meeting.topic_id, now);
}
}  // namespace silian::deliberation
