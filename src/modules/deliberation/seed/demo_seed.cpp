#include "silian/modules/deliberation/seed/demo_seed.hpp"

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/execution_store.hpp"
#include "silian/modules/deliberation/storage/vote_store.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/record/public_record.hpp"

namespace silian::deliberation {
namespace {
std::optional<auth::Principal> principal(db::Lease& lease, const char* username) {
  auto account = auth::find_account_by_username(lease, username);
  if (!account) return std::nullopt;
  return auth::load_principal(lease, *account);
}
}  // namespace

namespace {
// A matter settled last spring, written as history (the services only act in the
// present): proposed, voted by the council, carried out, signed off, on the public record.
void seed_settled_matter(db::Lease& lease, const org::OrgUnit& community, std::int64_t now,
                         std::int64_t director, std::int64_t worker, std::int64_t supervisor) {
  // Whole days at 10:00 in Beijing, whenever the demo is loaded.
  const std::int64_t day = 86400, began = (now / day) * day - 200 * day + 2 * 3600;
  Topic t;
  t.community_id = community.id;
  t.title = "楼道照明改造";
  t.body = "多栋楼道灯损坏，夜间出行不便，建议统一更换为声控节能灯。";
  t.source = "council";
  t.proposer_id = director;
  t.status = "signed_off";
  t.created_at = began;
  insert_topic(lease, t);
  Meeting m;
  m.community_id = community.id;
  m.title = "2026年第1次议事协商会";
  m.kind = "council";
  m.place = "广益佳苑社区党群服务中心二楼会议室";
  m.starts_at = began + 10 * day;
  m.ends_at = m.starts_at + 2 * 3600;
  m.status = "noticed";
  m.created_by = director;
  m.created_at = began + day;
  insert_meeting(lease, m);
  add_agenda_item(lease, m.id, t.id);
  mark_noticed(lease, m.id, began + 2 * day);
  save_minutes(lease, m.id, "一、楼道照明改造：议事会成员一致认为应尽快实施，费用由公共收益列支。",
               m.ends_at);
  Vote v;
  v.topic_id = t.id;
  v.meeting_id = m.id;
  v.rule_code = "simple_majority";
  v.electorate = "council";
  v.question = "是否同意用公共收益更换楼道声控灯";
  v.status = "closed";
  v.opened_at = m.starts_at + 3600;
  v.closes_at = m.ends_at;
  v.size = {4, 0};
  v.opened_by = director;
  insert_vote(lease, v);
  v.tally = {4, 4, 0, 0, 0, 0, 0, 0};
  v.quorum_met = true;
  v.passed = true;
  v.reason = "vote_passed";
  v.closed_at = m.ends_at;
  store_result(lease, v);
  std::string text = "同意使用公共收益更换全部楼道灯为声控节能灯，由社区组织实施。";
  auto decision = insert_decision(lease, {0, t.id, v.id, m.ends_at, text});
  auto ref = "topic:" + std::to_string(t.id);
  record::publish(lease, "deliberation.tally", ref, t.title,
                  v.question +
                      "\nrule=simple_majority yes=4 no=0 abstain=0 present=4 "
                      "electorate=4 quorum=yes passed=yes",
                  m.ends_at);
  record::publish(lease, "deliberation.decision", ref, t.title, text, m.ends_at);
  Task task;
  task.decision_id = decision;
  task.title = "采购并安装声控灯";
  task.owner_account_id = worker;
  task.due_date = "2026-06-30";
  task.status = "open";
  task.created_by = director;
  task.created_at = m.ends_at + day;
  auto task_id = insert_task(lease, task);
  insert_report(lease, {0, task_id, worker, began + 40 * day, "",
                        "已完成1-6号楼安装，共更换灯具48盏。", true});
  mark_task_done(lease, task_id, began + 40 * day);
  insert_review(lease, {0, decision, supervisor, began + 45 * day, "", "signed_off",
                        "现场查看各楼层灯具工作正常，验收合格。"});
  record::publish(lease, "deliberation.sign_off", ref, t.title,
                  "- 采购并安装声控灯\n现场查看各楼层灯具工作正常，验收合格。", began + 45 * day);
  for (const auto& [kind, detail, at] :
       std::initializer_list<std::tuple<const char*, const char*, std::int64_t>>{
           {"raised_council", "", began},
           {"scheduled", "2026年第1次议事协商会", began + 2 * day},
           {"vote_passed", "yes=4 no=0 abstain=0 present=4 electorate=4", m.ends_at},
           {"task_added", "采购并安装声控灯", m.ends_at + day},
           {"task_done", "采购并安装声控灯", began + 40 * day},
           {"review_signed_off", "", began + 45 * day}})
    add_topic_event(lease, {0, t.id, at, director, kind, detail, ""});
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

  // History last: the ids of the topics above stay 1 to 3.
  seed_settled_matter(lease, first, now, account_id("community_director"),
                      account_id("community_worker"), account_id("supervisor"));

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
