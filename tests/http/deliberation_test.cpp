// C4, first part: councils and topics through the web routes, on both engines, with the
// demo district: a residents' proposal gathering household co-signatures, an appeal
// taken to the council, topics raised by the council or the street, and the council and
// supervisory committee kept by the community's director.
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/deliberation/domain/voting.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/storage/deliberation_store.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/core/demo.hpp"
#include "support/demo_fixture.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {

class Deliberation : public test::OnTheDemo {
 protected:
  // A verified resident of the community's n-th household (the demo's own resident
  // lives in its first).
  std::unique_ptr<Client> household_member(const std::string& username,
                                           const std::string& community, int n,
                                           const std::string& status = "verified") {
    auto account = test::add_account(p(), username, "resident", community);
    auto community_id = std::stoll(unit(community));
    auto household =
        count("SELECT id FROM households WHERE community_id = " + std::to_string(community_id) +
              " ORDER BY id LIMIT 1 OFFSET " + std::to_string(n));
    auto lease = p().db->lease();
    org::Resident r;
    r.community_id = community_id;
    r.household_id = household;
    r.account_id = account;
    r.name = username;
    r.status = status;
    org::insert_resident(lease, r, "index-" + username, p().clock.now());
    return as(username, "password-123");
  }
  std::string topic_status(long long id) { return topic(id).status; }
  deliberation::Topic topic(long long id) {
    auto lease = p().db->lease();
    return *deliberation::find_topic(lease, id);
  }
  long long created_topic(const http::Response& r) {
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 600);
    auto loc = r.header("Location");
    EXPECT_TRUE(loc.starts_with("/deliberation/topics/")) << loc;
    return loc.starts_with("/deliberation/topics/") ? std::stoll(loc.substr(21)) : 0;
  }
};

TEST_P(Deliberation, AnyoneSeesTopicsAndWhereTheyCameFrom) {
  Client anonymous(p());
  auto list = anonymous.get("/deliberation");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("增设小区充电桩"), std::string::npos);
  EXPECT_NE(list.body.find("居民提议"), std::string::npos);
  EXPECT_NE(list.body.find("居民诉求"), std::string::npos);
  EXPECT_NE(list.body.find("议事会提出"), std::string::npos);
  auto from_appeal = count("SELECT id FROM topics WHERE source = 'appeal'");
  ASSERT_GT(from_appeal, 0);
  auto page = anonymous.get("/deliberation/topics/" + std::to_string(from_appeal));
  ASSERT_EQ(page.status, 200);
  // Everyone sees which appeal it came from (its number is on the public board too);
  // only staff get a link into the appeal.
  auto t = topic(from_appeal);
  {
    auto lease = p().db->lease();
    EXPECT_NE(page.body.find(appeals::find_appeal(lease, t.appeal_id)->public_no),
              std::string::npos);
  }
  auto link = "href=\"/appeals/" + std::to_string(t.appeal_id) + "\"";
  EXPECT_EQ(page.body.find(link), std::string::npos);
  auto staff = as("community_worker")->get("/deliberation/topics/" + std::to_string(from_appeal));
  EXPECT_NE(staff.body.find(link), std::string::npos);
  EXPECT_EQ(anonymous.get("/deliberation/topics/999999").status, 404);
  // Filters keep to their lists.
  auto proposals = anonymous.get("/deliberation?source=proposal");
  EXPECT_NE(proposals.body.find("增设小区充电桩"), std::string::npos);
  EXPECT_EQ(proposals.body.find("加装电梯费用分摊方案"), std::string::npos);
  EXPECT_EQ(anonymous.get("/deliberation?source=%27;drop&status=x").status, 200);
}

TEST_P(Deliberation, AProposalIsAcceptedWhenEnoughHouseholdsCoSign) {
  auto council = count("SELECT id FROM councils WHERE kind = 'consultation' AND community_id = " +
                       unit("guangyi-jiayuan"));
  ASSERT_GT(council, 0);
  // Three households needed for this test.
  {
    auto lease = p().db->lease();
    auto c = *deliberation::find_council(lease, council);
    c.proposal_threshold = 3;
    deliberation::update_council(lease, c);
  }
  auto proposer = as("resident");
  auto id = created_topic(
      proposer->post("/deliberation/propose",
                     {{"title", "楼道堆物清理"}, {"body", "楼道堆放杂物，影响消防通道。"}}));
  auto t = topic(id);
  EXPECT_EQ(t.status, "collecting");
  EXPECT_EQ(t.source, "proposal");
  EXPECT_EQ(t.cosign_count, 1);  // the proposer's household
  EXPECT_EQ(t.cosign_threshold, 3);

  // Another member of the proposer's household cannot sign again for it.
  auto same_house = household_member("same_house", "guangyi-jiayuan", 0);
  EXPECT_EQ(same_house->post("/deliberation/topics/" + std::to_string(id) + "/cosign", {}).status,
            409);
  // Residents elsewhere, or not verified, cannot sign.
  auto elsewhere = household_member("elsewhere", "guangrui", 1);
  EXPECT_EQ(elsewhere->post("/deliberation/topics/" + std::to_string(id) + "/cosign", {}).status,
            409);
  auto pending = household_member("pending_one", "guangyi-jiayuan", 4, "pending");
  EXPECT_EQ(pending->post("/deliberation/topics/" + std::to_string(id) + "/cosign", {}).status,
            409);
  EXPECT_EQ(topic(id).cosign_count, 1);

  auto second = household_member("second_house", "guangyi-jiayuan", 1);
  EXPECT_EQ(second->post("/deliberation/topics/" + std::to_string(id) + "/cosign", {}).status, 303);
  EXPECT_EQ(topic(id).status, "collecting");
  EXPECT_NE(second->get("/deliberation/topics/" + std::to_string(id)).body.find("您家已联署"),
            std::string::npos);
  auto unread_before = count(
      "SELECT COUNT(*) FROM notifications WHERE account_id = (SELECT id "
      "FROM accounts WHERE username = 'council_member')");
  auto third = household_member("third_house", "guangyi-jiayuan", 2);
  EXPECT_EQ(third->post("/deliberation/topics/" + std::to_string(id) + "/cosign", {}).status, 303);
  t = topic(id);
  EXPECT_EQ(t.cosign_count, 3);
  EXPECT_EQ(t.status, "accepted");
  // The council's members with accounts are told; the proposer too.
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = (SELECT id FROM "
                  "accounts WHERE username = 'council_member')"),
            unread_before + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE message_key = "
                  "'notify_topic_threshold'"),
            1);
  // Signing closes once the topic is on the list.
  auto fourth = household_member("fourth_house", "guangyi-jiayuan", 3);
  EXPECT_EQ(fourth->post("/deliberation/topics/" + std::to_string(id) + "/cosign", {}).status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM topic_cosignatures WHERE topic_id = " + std::to_string(id)),
            3);
  EXPECT_GE(count("SELECT COUNT(*) FROM topic_events WHERE topic_id = " + std::to_string(id) +
                  " AND kind = 'threshold_reached'"),
            1);
}

TEST_P(Deliberation, BadProposalsAreRefusedAndStoreNothing) {
  auto resident = as("resident");
  auto before = count("SELECT COUNT(*) FROM topics");
  auto r = resident->post("/deliberation/propose", {{"title", ""}, {"body", "内容"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("请填写议题名称"), std::string::npos);
  r = resident->post("/deliberation/propose",
                     {{"title", std::string(121 * 3, 'a')}, {"body", "x"}});
  EXPECT_EQ(r.status, 422);
  r = resident->post("/deliberation/propose", {{"title", "标题"}, {"body", "  "}});
  EXPECT_EQ(r.status, 422);
  r = resident->post("/deliberation/propose", {{"title", "\xff\xfe"}, {"body", "x"}});
  EXPECT_EQ(r.status, 422);
  // The form comes back with what was typed.
  r = resident->post("/deliberation/propose", {{"title", "保留的标题"}, {"body", ""}});
  EXPECT_NE(r.body.find("保留的标题"), std::string::npos);
  // Without CSRF nothing happens either.
  EXPECT_EQ(resident->post("/deliberation/propose", {{"title", "t"}, {"body", "b"}}, false).status,
            403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM topics"), before);
  // A resident whose household is not verified cannot propose.
  auto pending = household_member("pending_two", "guangyi-jiayuan", 5, "pending");
  EXPECT_EQ(pending->post("/deliberation/propose", {{"title", "t"}, {"body", "b"}}).status, 409);
  // Nor can anyone in a community without a consultation council.
  auto other = household_member("other_community", "guangrui", 2);
  r = other->post("/deliberation/propose", {{"title", "t"}, {"body", "b"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("尚未设立协商议事委员会"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM topics"), before);
}

TEST_P(Deliberation, ACommunityMatterAppealBecomesOneTopic) {
  // The demo's community-matter appeal already is a topic; find another in the community.
  auto appeal =
      count("SELECT a.id FROM appeals a WHERE a.route = 'community' AND a.community_id = " +
            unit("guangyi-jiayuan") +
            " AND a.id NOT IN (SELECT appeal_id FROM topics WHERE "
            "appeal_id IS NOT NULL) ORDER BY a.id LIMIT 1");
  ASSERT_GT(appeal, 0);
  auto path = "/deliberation/from-appeal/" + std::to_string(appeal);
  auto worker = as("community_worker");
  auto form = worker->get(path);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(worker->post(path, {{"title", ""}}).status, 422);
  auto id = created_topic(worker->post(path, {{"title", "噪音扰民协商"}}));
  auto t = topic(id);
  EXPECT_EQ(t.source, "appeal");
  EXPECT_EQ(t.status, "accepted");
  EXPECT_EQ(t.appeal_id, appeal);
  // The topic carries the resident's words but not who they are.
  {
    auto lease = p().db->lease();
    auto a = appeals::find_appeal(lease, appeal);
    ASSERT_TRUE(a);
    EXPECT_EQ(t.body, a->description);
    auto page = Client(p()).get("/deliberation/topics/" + std::to_string(id));
    EXPECT_EQ(page.body.find(a->address.empty() ? "\x01" : a->address), std::string::npos);
  }
  // One matter, one deliberation: the appeal leads to its topic from now on.
  auto again = worker->get(path);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.header("Location"), "/deliberation/topics/" + std::to_string(id));
  EXPECT_EQ(worker->post(path, {{"title", "again"}}).status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM topics WHERE appeal_id = " + std::to_string(appeal)), 1);
}

TEST_P(Deliberation, OnlyCommunityMattersAndOnlyOwnCommunity) {
  auto department_appeal = count(
      "SELECT id FROM appeals WHERE route = 'department' AND "
      "community_id = " +
      unit("guangyi-jiayuan") + " ORDER BY id LIMIT 1");
  ASSERT_GT(department_appeal, 0);
  auto worker = as("community_worker");
  auto r = worker->post("/deliberation/from-appeal/" + std::to_string(department_appeal),
                        {{"title", "不该成为议题"}});
  EXPECT_EQ(r.status, 409);
  // Another community's appeal does not exist for this worker.
  auto elsewhere = count("SELECT id FROM appeals WHERE community_id <> " + unit("guangyi-jiayuan") +
                         " ORDER BY id LIMIT 1");
  ASSERT_GT(elsewhere, 0);
  EXPECT_EQ(worker->get("/deliberation/from-appeal/" + std::to_string(elsewhere)).status, 404);
  EXPECT_EQ(worker->post("/deliberation/from-appeal/" + std::to_string(elsewhere), {{"title", "x"}})
                .status,
            404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM topics WHERE appeal_id IN (" +
                  std::to_string(department_appeal) + ", " + std::to_string(elsewhere) + ")"),
            0);
}

TEST_P(Deliberation, TheCouncilOrTheStreetRaisesTopics) {
  auto member = as("council_member");
  auto form = member->get("/deliberation/raise");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("广益佳苑社区"), std::string::npos);
  EXPECT_EQ(form.body.find("广瑞一村社区"), std::string::npos);  // only their own community
  auto id = created_topic(
      member->post("/deliberation/raise", {{"community", unit("guangyi-jiayuan")},
                                           {"title", "健身器材更新"},
                                           {"body", "小区健身器材老化，讨论更新方案。"}}));
  EXPECT_EQ(topic(id).source, "council");
  // Not in a community they do not serve.
  EXPECT_EQ(member
                ->post("/deliberation/raise",
                       {{"community", unit("guangrui")}, {"title", "x"}, {"body", "y"}})
                .status,
            404);
  auto street = as("street_officer");
  id = created_topic(street->post("/deliberation/raise", {{"community", unit("guangrui")},
                                                          {"title", "背街小巷整治"},
                                                          {"body", "街道提出的协商事项。"}}));
  EXPECT_EQ(topic(id).source, "street");
  EXPECT_EQ(
      street->post("/deliberation/raise", {{"community", "999999"}, {"title", "x"}, {"body", "y"}})
          .status,
      404);
}

TEST_P(Deliberation, TheDirectorKeepsTheCouncilAndItsMembers) {
  auto director = as("community_director");
  auto page = director->get("/deliberation/councils");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("协商议事委员会"), std::string::npos);
  EXPECT_NE(page.body.find("陈建国"), std::string::npos);
  auto council = count("SELECT id FROM councils WHERE kind = 'consultation' AND community_id = " +
                       unit("guangyi-jiayuan"));
  std::vector<std::pair<std::string, std::string>> good{{"community", unit("guangyi-jiayuan")},
                                                        {"kind", "consultation"},
                                                        {"name", "广益佳苑社区协商议事委员会"},
                                                        {"term_start", "2025-01-01"},
                                                        {"term_end", "2027-12-31"},
                                                        {"threshold", "8"},
                                                        {"rules", "# 规则"}};
  auto with = [&](const std::string& key, const std::string& value) {
    auto f = good;
    for (auto& [k, v] : f)
      if (k == key) v = value;
    return f;
  };
  auto refused = director->post("/deliberation/councils", with("term_end", "2024-12-31"));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("value=\"2024-12-31\""), std::string::npos);  // kept as typed
  EXPECT_NE(refused.body.find("# 规则"), std::string::npos);
  EXPECT_EQ(director->post("/deliberation/councils", with("term_start", "2025-02-30")).status, 422);
  EXPECT_EQ(director->post("/deliberation/councils", with("threshold", "0")).status, 422);
  EXPECT_EQ(director->post("/deliberation/councils", with("threshold", "-3")).status, 422);
  EXPECT_EQ(director->post("/deliberation/councils", with("kind", "cabal")).status, 422);
  EXPECT_EQ(director->post("/deliberation/councils", with("name", "")).status, 422);
  EXPECT_EQ(count("SELECT proposal_threshold FROM councils WHERE id = " + std::to_string(council)),
            5);
  EXPECT_EQ(director->post("/deliberation/councils", good).status, 303);
  EXPECT_EQ(count("SELECT proposal_threshold FROM councils WHERE id = " + std::to_string(council)),
            8);
  // Not another community's council.
  EXPECT_EQ(director->post("/deliberation/councils", with("community", unit("guangrui"))).status,
            404);

  auto members = "/deliberation/councils/" + std::to_string(council) + "/members";
  auto before =
      count("SELECT COUNT(*) FROM council_members WHERE council_id = " + std::to_string(council));
  std::vector<std::pair<std::string, std::string>> member{
      {"name", "吴晓东"},           {"position", "member"},     {"sector", "unit"},
      {"term_start", "2025-06-01"}, {"term_end", "2027-12-31"}, {"username", ""}};
  auto m = member;
  m[3].second = "2024-06-01";  // before the council's term
  EXPECT_EQ(director->post(members, m).status, 422);
  m = member;
  m[1].second = "dictator";
  EXPECT_EQ(director->post(members, m).status, 422);
  m = member;
  m[5].second = "nobody-here";
  EXPECT_EQ(director->post(members, m).status, 422);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM council_members WHERE council_id = " + std::to_string(council)),
      before);
  m = member;
  m[5].second = "volunteer";
  EXPECT_EQ(director->post(members, m).status, 303);
  auto added = count("SELECT id FROM council_members WHERE name = '吴晓东'");
  EXPECT_EQ(count("SELECT account_id FROM council_members WHERE id = " + std::to_string(added)),
            count("SELECT id FROM accounts WHERE username = 'volunteer'"));
  EXPECT_EQ(director->post(members + "/" + std::to_string(added) + "/remove", {}).status, 303);
  EXPECT_EQ(director->post(members + "/" + std::to_string(added) + "/remove", {}).status, 404);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM council_members WHERE council_id = " + std::to_string(council)),
      before);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_entries WHERE action LIKE 'deliberation.%'"), 3);

  // The district sets up a council for a community that has none.
  auto admin = as("district_admin");
  auto other = good;
  other[0].second = unit("guangrui");
  other[2].second = "广瑞一村社区协商议事委员会";
  EXPECT_EQ(admin->post("/deliberation/councils", other).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM councils WHERE community_id = " + unit("guangrui")), 1);
}

TEST_P(Deliberation, VotingRulesInTheDatabaseAreTheLaws) {
  auto lease = p().db->lease();
  auto stored = deliberation::voting_rules(lease);
  auto standard = deliberation::standard_rules();
  ASSERT_EQ(stored.size(), standard.size());
  for (const auto& s : standard) {
    auto r = deliberation::find_voting_rule(lease, s.code);
    ASSERT_TRUE(r) << s.code;
    EXPECT_EQ(r->measure, s.measure) << s.code;
    EXPECT_EQ(r->quorum.has_value(), s.quorum.has_value()) << s.code;
    if (r->quorum && s.quorum) {
      EXPECT_EQ(r->quorum->numerator, s.quorum->numerator) << s.code;
      EXPECT_EQ(r->quorum->denominator, s.quorum->denominator) << s.code;
      EXPECT_EQ(r->quorum->strictly_more, s.quorum->strictly_more) << s.code;
    }
    EXPECT_EQ(r->approval.numerator, s.approval.numerator) << s.code;
    EXPECT_EQ(r->approval.denominator, s.approval.denominator) << s.code;
    EXPECT_EQ(r->approval.strictly_more, s.approval.strictly_more) << s.code;
  }
}

TEST_P(Deliberation, ResidentsInviteOfficialsWhoAnswer) {
  auto resident = as("resident");
  auto form = resident->get("/deliberation/requests/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("区领导 周明"), std::string::npos);
  auto leader_id = std::to_string(count("SELECT id FROM accounts WHERE username = 'leader'"));
  // Bad input is refused, kept, and changes nothing.
  auto r = resident->post(
      "/deliberation/requests/new",
      {{"official", leader_id}, {"on_behalf_of", "3号楼居民代表"}, {"subject", ""}, {"body", "x"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("3号楼居民代表"), std::string::npos);
  EXPECT_EQ(resident
                ->post("/deliberation/requests/new",
                       {{"official", std::to_string(count("SELECT id FROM accounts WHERE "
                                                          "username = 'volunteer'"))},
                        {"subject", "s"},
                        {"body", "b"}})
                .status,
            422);  // not an official
  EXPECT_EQ(count("SELECT COUNT(*) FROM official_requests"), 0);
  EXPECT_EQ(resident
                ->post("/deliberation/requests/new", {{"official", leader_id},
                                                      {"on_behalf_of", "3号楼居民代表"},
                                                      {"subject", "加装电梯审批进度"},
                                                      {"body", "希望当面了解审批进度。"}})
                .status,
            303);
  auto id = std::to_string(count("SELECT id FROM official_requests"));
  // Only the official answers; declining takes a reason.
  EXPECT_EQ(as("street_officer")
                ->post("/deliberation/requests/" + id + "/answer",
                       {{"answer", "declined"}, {"note", "x"}})
                .status,
            404);
  auto leader = as("leader");
  EXPECT_NE(leader->get("/deliberation/requests").body.find("加装电梯审批进度"), std::string::npos);
  EXPECT_EQ(
      leader
          ->post("/deliberation/requests/" + id + "/answer", {{"answer", "declined"}, {"note", ""}})
          .status,
      422);
  EXPECT_EQ(leader
                ->post("/deliberation/requests/" + id + "/answer",
                       {{"answer", "accepted"}, {"meet_at", "2020-01-01T10:00"}, {"place", "社区"}})
                .status,
            422);
  auto when = deliberation::format_local_datetime(p().clock.now() + 3 * 86400);
  EXPECT_EQ(leader
                ->post("/deliberation/requests/" + id + "/answer", {{"answer", "accepted"},
                                                                    {"meet_at", when},
                                                                    {"place", "社区党群服务中心"},
                                                                    {"note", ""}})
                .status,
            303);
  EXPECT_EQ(leader
                ->post("/deliberation/requests/" + id + "/answer",
                       {{"answer", "declined"}, {"note", "x"}})
                .status,
            409);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM notifications WHERE message_key = 'notify_request_accepted'"), 1);
  // Accepted meetings are on the public calendar and in its feed.
  Client anonymous(p());
  EXPECT_NE(anonymous.get("/deliberation/calendar").body.find("加装电梯审批进度"),
            std::string::npos);
  EXPECT_NE(anonymous.get("/deliberation/meetings.ics").body.find("UID:request-" + id + "@silian"),
            std::string::npos);
  // After the meeting, either side records what came of it.
  EXPECT_EQ(resident->post("/deliberation/requests/" + id + "/outcome", {{"outcome", "x"}}).status,
            409);
  tp->clock.advance(4 * 86400);
  resident = as("resident");
  EXPECT_EQ(resident
                ->post("/deliberation/requests/" + id + "/outcome",
                       {{"outcome", "区里承诺两周内完成审批。"}})
                .status,
            303);
  EXPECT_NE(resident->get("/deliberation/requests").body.find("两周内完成审批"), std::string::npos);
}

TEST_P(Deliberation, LeadersScheduleVisitsThatArePublic) {
  auto leader = as("leader");
  auto starts = deliberation::format_local_datetime(p().clock.now() + 2 * 86400);
  auto ends = deliberation::format_local_datetime(p().clock.now() + 2 * 86400 + 7200);
  std::vector<std::pair<std::string, std::string>> good{{"community", unit("guangyi-jiayuan")},
                                                        {"starts", starts},
                                                        {"ends", ends},
                                                        {"place", "社区广场"},
                                                        {"purpose", "听取加装电梯意见"}};
  auto bad = good;
  bad[2].second = starts;  // ends when it starts
  auto r = leader->post("/deliberation/visits/new", bad);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("听取加装电梯意见"), std::string::npos);  // kept
  bad = good;
  bad[4].second = "";
  EXPECT_EQ(leader->post("/deliberation/visits/new", bad).status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM leader_visits"), 0);
  EXPECT_EQ(leader->post("/deliberation/visits/new", good).status, 303);
  // The street officer only visits communities of their street.
  auto other = good;
  other[0].second = unit("tongjiang");  // in 江海街道
  EXPECT_EQ(as("street_officer")->post("/deliberation/visits/new", other).status, 404);
  EXPECT_GE(
      count("SELECT COUNT(*) FROM notifications WHERE message_key = 'notify_visit_scheduled'"), 1);
  Client anonymous(p());
  auto calendar = anonymous.get("/deliberation/calendar");
  EXPECT_NE(calendar.body.find("听取加装电梯意见"), std::string::npos);
  EXPECT_NE(calendar.body.find("2026年第4次议事协商会"), std::string::npos);  // meetings too
  auto id = std::to_string(count("SELECT id FROM leader_visits"));
  EXPECT_EQ(leader->post("/deliberation/visits/" + id + "/outcome", {{"outcome", "x"}}).status,
            409);
  tp->clock.advance(2 * 86400 + 600);
  leader = as("leader");
  EXPECT_EQ(as("street_officer")
                ->post("/deliberation/visits/" + id + "/outcome", {{"outcome", "x"}})
                .status,
            404);
  EXPECT_EQ(leader
                ->post("/deliberation/visits/" + id + "/outcome",
                       {{"outcome", "收集意见12条，交街道办理。"}})
                .status,
            303);
  EXPECT_NE(anonymous.get("/deliberation/calendar").body.find("收集意见12条"), std::string::npos);
}

// Meetings: the demo's council meeting is noticed a week ahead with two topics, an
// official and a department invited.
class Meetings : public Deliberation {
 protected:
  long long demo_meeting() {
    return count("SELECT id FROM meetings WHERE title = '2026年第4次议事协商会'");
  }
  std::string at(long long seconds_from_now) {
    return deliberation::format_local_datetime(p().clock.now() + seconds_from_now);
  }
  // A draft council meeting in the demo community, `days` ahead, with one accepted topic.
  long long draft(Client& c, int days, const std::string& topic) {
    auto r = c.post("/deliberation/meetings/new", {{"community", unit("guangyi-jiayuan")},
                                                   {"title", "测试议事会"},
                                                   {"kind", "council"},
                                                   {"starts", at(days * 86400)},
                                                   {"ends", at(days * 86400 + 7200)},
                                                   {"place", "社区会议室"},
                                                   {"online_url", ""},
                                                   {"topic", topic}});
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 800);
    auto loc = r.header("Location");
    return loc.starts_with("/deliberation/meetings/") ? std::stoll(loc.substr(23)) : 0;
  }
  std::string accepted_topic() {
    auto member = as("council_member");
    auto r = member->post("/deliberation/raise", {{"community", unit("guangyi-jiayuan")},
                                                  {"title", "垃圾分类投放点调整"},
                                                  {"body", "讨论调整投放点位置。"}});
    return r.header("Location").substr(21);
  }
};

TEST_P(Meetings, TheNoticedMeetingIsPublicWithItsAgendaAndInvitations) {
  Client anonymous(p());
  auto list = anonymous.get("/deliberation/meetings");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("2026年第4次议事协商会"), std::string::npos);
  auto id = demo_meeting();
  auto page = anonymous.get("/deliberation/meetings/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("已发通知"), std::string::npos);
  EXPECT_NE(page.body.find("加装电梯费用分摊方案"), std::string::npos);  // on the agenda
  EXPECT_NE(page.body.find("区城管局"), std::string::npos);              // a unit invited
  EXPECT_NE(page.body.find("待答复"), std::string::npos);
  // The online link is for signed-in users only.
  EXPECT_EQ(page.body.find("meeting.example.org"), std::string::npos);
  EXPECT_NE(as("resident")
                ->get("/deliberation/meetings/" + std::to_string(id))
                .body.find("meeting.example.org"),
            std::string::npos);
  // The topics on a noticed agenda await the vote.
  EXPECT_EQ(count("SELECT COUNT(*) FROM topics t JOIN meeting_items i ON i.topic_id = t.id "
                  "WHERE t.status <> 'scheduled' AND i.meeting_id = " +
                  std::to_string(id)),
            0);
  auto feed = anonymous.get("/deliberation/meetings.ics");
  EXPECT_EQ(feed.status, 200);
  EXPECT_TRUE(feed.content_type.starts_with("text/calendar"));
  EXPECT_NE(feed.body.find("UID:meeting-" + std::to_string(id) + "@silian"), std::string::npos);
}

TEST_P(Meetings, DraftsAreTheConvenersAndTheNoticeFreezesTheAgenda) {
  auto director = as("community_director");
  auto topic = accepted_topic();
  auto id = draft(*director, 10, topic);
  ASSERT_GT(id, 0);
  auto path = "/deliberation/meetings/" + std::to_string(id);
  // Not public before the notice, and not in the feed.
  Client anonymous(p());
  EXPECT_EQ(anonymous.get(path).status, 404);
  EXPECT_EQ(
      anonymous.get("/deliberation/meetings.ics").body.find("meeting-" + std::to_string(id) + "@"),
      std::string::npos);
  EXPECT_EQ(director->get(path).status, 200);
  // A topic that is still collecting signatures cannot go on an agenda.
  auto collecting = count("SELECT id FROM topics WHERE status = 'collecting' LIMIT 1");
  EXPECT_EQ(director->post(path + "/agenda", {{"topic", std::to_string(collecting)}}).status, 422);
  EXPECT_EQ(director->post(path + "/notice", {}).status, 303);
  EXPECT_EQ(anonymous.get(path).status, 200);
  EXPECT_EQ(count("SELECT status = 'scheduled' FROM topics WHERE id = " + topic), 1);
  // Nothing may be added once noticed: it could not be voted.
  auto later = accepted_topic();
  auto r = director->post(path + "/agenda", {{"topic", later}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_items WHERE meeting_id = " + std::to_string(id)),
            1);
  EXPECT_EQ(director->post(path + "/notice", {}).status, 409);
  // The council's members were told.
  EXPECT_GE(count("SELECT COUNT(*) FROM notifications WHERE message_key = "
                  "'notify_meeting_noticed' AND account_id = (SELECT id FROM accounts WHERE "
                  "username = 'council_member')"),
            1);
}

TEST_P(Meetings, TheNoticePeriodIsKept) {
  auto director = as("community_director");
  auto id = draft(*director, 2, accepted_topic());  // the demo council needs 3 days
  auto path = "/deliberation/meetings/" + std::to_string(id);
  auto r = director->post(path + "/notice", {});
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("通知期"), std::string::npos);
  EXPECT_EQ(count("SELECT status = 'draft' FROM meetings WHERE id = " + std::to_string(id)), 1);
  // An empty agenda cannot be noticed either.
  auto empty = draft(*director, 10, "");
  EXPECT_EQ(
      director->post("/deliberation/meetings/" + std::to_string(empty) + "/notice", {}).status,
      409);
}

TEST_P(Meetings, BadMeetingsAreRefusedAndStoreNothing) {
  auto director = as("community_director");
  auto before = count("SELECT COUNT(*) FROM meetings");
  std::vector<std::pair<std::string, std::string>> good{{"community", unit("guangyi-jiayuan")},
                                                        {"title", "会"},
                                                        {"kind", "council"},
                                                        {"starts", at(5 * 86400)},
                                                        {"ends", at(5 * 86400 + 3600)},
                                                        {"place", "会议室"},
                                                        {"online_url", ""}};
  auto with = [&](const std::string& key, const std::string& value) {
    auto f = good;
    for (auto& [k, v] : f)
      if (k == key) v = value;
    return f;
  };
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("starts", at(-3600))).status, 422);
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("ends", at(5 * 86400 - 60))).status,
            422);
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("starts", "tomorrow")).status, 422);
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("kind", "party")).status, 422);
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("title", " ")).status, 422);
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("place", "")).status, 422);
  EXPECT_EQ(director->post("/deliberation/meetings/new", with("online_url", "javascript:alert(1)"))
                .status,
            422);
  auto r = director->post("/deliberation/meetings/new", with("community", unit("guangrui")));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings"), before);
  // Online only is a meeting too.
  auto online = with("place", "");
  online.back().second = "https://meet.example.org/x";
  EXPECT_EQ(director->post("/deliberation/meetings/new", online).status, 303);
}

TEST_P(Meetings, InviteesReplyAndDecliningTakesAReason) {
  auto id = demo_meeting();
  auto path = "/deliberation/meetings/" + std::to_string(id);
  auto leader_invitation =
      count("SELECT id FROM meeting_invitations WHERE meeting_id = " + std::to_string(id) +
            " AND account_id = (SELECT id FROM accounts WHERE username = 'leader')");
  auto unit_invitation =
      count("SELECT id FROM meeting_invitations WHERE meeting_id = " + std::to_string(id) +
            " AND unit_id IS NOT NULL");
  auto leader = as("leader");
  EXPECT_NE(leader->get(path).body.find("您收到的邀约"), std::string::npos);
  auto reply = [](long long inv) {
    return "/deliberation/invitations/" + std::to_string(inv) + "/reply";
  };
  EXPECT_EQ(leader->post(reply(leader_invitation), {{"answer", "declined"}, {"note", ""}}).status,
            422);
  EXPECT_EQ(leader->post(reply(leader_invitation), {{"answer", "maybe"}, {"note", ""}}).status,
            422);
  EXPECT_EQ(
      leader->post(reply(leader_invitation), {{"answer", "accepted"}, {"note", "准时参加"}}).status,
      303);
  // The department's officer answers for the department; others cannot.
  EXPECT_EQ(leader->post(reply(unit_invitation), {{"answer", "accepted"}, {"note", ""}}).status,
            404);
  auto officer = as("department_officer");
  EXPECT_EQ(officer
                ->post(reply(unit_invitation),
                       {{"answer", "declined"}, {"note", "当天有执法任务，书面答复意见"}})
                .status,
            303);
  auto page = Client(p()).get(path);
  EXPECT_NE(page.body.find("接受邀约：准时参加"), std::string::npos);
  EXPECT_NE(page.body.find("当天有执法任务"), std::string::npos);
  // The convener hears of the replies.
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE message_key LIKE "
                  "'notify_invitation_%'"),
            2);
  // Inviting: one of a person or a unit, existing, once.
  auto director = as("community_director");
  EXPECT_EQ(
      director->post(path + "/invitations", {{"username", "leader"}, {"unit", ""}, {"note", ""}})
          .status,
      409);
  EXPECT_EQ(director
                ->post(path + "/invitations",
                       {{"username", "street_officer"}, {"unit", "dept-urban"}, {"note", ""}})
                .status,
            422);
  EXPECT_EQ(
      director->post(path + "/invitations", {{"username", "ghost"}, {"unit", ""}, {"note", ""}})
          .status,
      422);
  EXPECT_EQ(director
                ->post(path + "/invitations",
                       {{"username", ""}, {"unit", "guangyi-jiayuan"}, {"note", ""}})
                .status,
            422);  // a community is not invited to its own council
  EXPECT_EQ(director
                ->post(path + "/invitations",
                       {{"username", "street_officer"}, {"unit", ""}, {"note", "街道指导"}})
                .status,
            303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM meeting_invitations WHERE meeting_id = " + std::to_string(id)),
      3);
}

TEST_P(Meetings, AttendanceAndMinutesAreRecordedAfterTheStart) {
  auto id = demo_meeting();
  auto path = "/deliberation/meetings/" + std::to_string(id);
  auto director = as("community_director");
  EXPECT_EQ(director->post(path + "/minutes", {{"minutes", "纪要"}}).status, 409);  // not started
  tp->clock.advance(8 * 86400);
  director = as("community_director");  // a new day, a new sign-in
  EXPECT_EQ(director->post(path + "/minutes", {{"minutes", " "}}).status, 422);
  EXPECT_EQ(director->post(path + "/minutes", {{"minutes", "一、停车秩序：形成初步方案。"}}).status,
            303);
  auto unit_invitation =
      count("SELECT id FROM meeting_invitations WHERE meeting_id = " + std::to_string(id) +
            " AND unit_id IS NOT NULL");
  EXPECT_EQ(director
                ->post(path + "/attendance", {{"name", "王建国"},
                                              {"capacity", "resident"},
                                              {"mode", "online"},
                                              {"invitation", std::to_string(unit_invitation)}})
                .status,
            303);
  EXPECT_EQ(
      director
          ->post(path + "/attendance", {{"name", "某人"}, {"capacity", "boss"}, {"mode", "online"}})
          .status,
      422);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = " + std::to_string(id)), 1);
  EXPECT_EQ(count("SELECT attended FROM meeting_invitations WHERE id = " +
                  std::to_string(unit_invitation)),
            1);
  auto page = Client(p()).get(path);
  EXPECT_NE(page.body.find("形成初步方案"), std::string::npos);
  EXPECT_EQ(page.body.find("王建国"), std::string::npos);  // residents counted, not named
  EXPECT_NE(page.body.find("出席居民人数： 1"), std::string::npos);
  EXPECT_NE(director->get(path).body.find("王建国"), std::string::npos);
  // Replies close when the meeting has started.
  auto leader_invitation = count(
      "SELECT id FROM meeting_invitations WHERE account_id = (SELECT "
      "id FROM accounts WHERE username = 'leader')");
  EXPECT_EQ(as("leader")
                ->post("/deliberation/invitations/" + std::to_string(leader_invitation) + "/reply",
                       {{"answer", "accepted"}, {"note", ""}})
                .status,
            409);
}

TEST_P(Deliberation, CommentsAreModeratedInTheOpen) {
  auto id = count("SELECT id FROM topics WHERE source = 'council' ORDER BY id LIMIT 1");
  auto path = "/deliberation/topics/" + std::to_string(id);
  auto resident = as("resident");
  EXPECT_EQ(resident->post(path + "/comments", {{"body", " "}}).status, 422);
  EXPECT_EQ(resident->post(path + "/comments", {{"body", "建议按楼层分摊，一楼少出。"}}).status,
            303);
  auto outsider = household_member("outsider", "guangrui", 3);
  EXPECT_EQ(outsider->post(path + "/comments", {{"body", "路过"}}).status, 409);
  auto comment = count("SELECT id FROM topic_comments WHERE topic_id = " + std::to_string(id));
  ASSERT_GT(comment, 0);
  auto hide = "/deliberation/comments/" + std::to_string(comment) + "/hide";
  auto worker = as("community_worker");
  EXPECT_EQ(worker->post(hide, {{"reason", ""}}).status, 422);
  EXPECT_EQ(worker->post(hide, {{"reason", "含有个人信息"}}).status, 303);
  EXPECT_EQ(worker->post(hide, {{"reason", "again"}}).status, 409);
  auto page = Client(p()).get(path);
  EXPECT_EQ(page.body.find("一楼少出"), std::string::npos);
  EXPECT_NE(page.body.find("含有个人信息"), std::string::npos);  // the reason stays public
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'deliberation.comment.hide'"),
            1);
}

TEST_P(Deliberation, AnyoneSeesTheCouncilsMembersAndRules) {
  Client anonymous(p());
  auto page = anonymous.get("/deliberation/communities/" + unit("guangyi-jiayuan"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("陈建国"), std::string::npos);
  EXPECT_NE(page.body.find("杨静"), std::string::npos);
  EXPECT_NE(page.body.find("<h1>议事规则</h1>"), std::string::npos);  // Markdown rendered
  EXPECT_NE(anonymous.get("/deliberation/communities/" + unit("guangrui")).body.find("尚未设立"),
            std::string::npos);
  EXPECT_EQ(anonymous.get("/deliberation/communities/" + unit("guangyi")).status,
            404);  // a street is not a community
}

TEST_P(Meetings, TheCouncilsNoticePeriodIsItsOwn) {
  auto director = as("community_director");
  std::vector<std::pair<std::string, std::string>> council{{"community", unit("guangyi-jiayuan")},
                                                           {"kind", "consultation"},
                                                           {"name", "广益佳苑社区协商议事委员会"},
                                                           {"term_start", "2025-01-01"},
                                                           {"term_end", "2027-12-31"},
                                                           {"threshold", "5"},
                                                           {"notice_days", "0"},
                                                           {"rules", ""}};
  EXPECT_EQ(director->post("/deliberation/councils", council).status, 422);
  council[6].second = "12";
  EXPECT_EQ(director->post("/deliberation/councils", council).status, 303);
  // Ten days ahead is now too soon for a notice.
  auto id = draft(*director, 10, accepted_topic());
  auto r = director->post("/deliberation/meetings/" + std::to_string(id) + "/notice", {});
  EXPECT_EQ(r.status, 409);
  auto later = draft(*director, 13, accepted_topic());
  EXPECT_EQ(
      director->post("/deliberation/meetings/" + std::to_string(later) + "/notice", {}).status,
      303);
}

SILIAN_ON_BOTH_ENGINES(Meetings);

// Votes at the demo's council meeting, once it has started.
class Votes : public Meetings {
 protected:
  void SetUp() override {
    Meetings::SetUp();
    tp->clock.advance(7 * 86400 + 1800);  // half an hour into the meeting
    director = as("community_director");
  }
  std::unique_ptr<Client> director;
  long long meeting() { return demo_meeting(); }
  long long agenda_topic(const std::string& source) {
    return count(
        "SELECT t.id FROM topics t JOIN meeting_items i ON i.topic_id = t.id WHERE "
        "t.source = '" +
        source + "' AND i.meeting_id = " + std::to_string(meeting()));
  }
  long long open(long long topic, const std::string& rule, const std::string& electorate,
                 int expect = 303) {
    auto r = director->post("/deliberation/meetings/" + std::to_string(meeting()) + "/votes",
                            {{"topic", std::to_string(topic)},
                             {"rule", rule},
                             {"electorate", electorate},
                             {"question", "是否同意该方案"},
                             {"closes", at(3600)}});
    EXPECT_EQ(r.status, expect) << r.body.substr(
        r.body.find("<main") == std::string::npos ? 0 : r.body.find("<main"), 600);
    auto loc = r.header("Location");
    return loc.starts_with("/deliberation/votes/") ? std::stoll(loc.substr(20)) : 0;
  }
  long long member(const std::string& name) {
    return count("SELECT id FROM council_members WHERE name = '" + name + "'");
  }
};

TEST_P(Votes, TheCouncilDecidesAndTheTallyIsPublished) {
  auto topic = agenda_topic("council");
  auto id = open(topic, "simple_majority", "council");
  ASSERT_GT(id, 0);
  auto path = "/deliberation/votes/" + std::to_string(id);
  EXPECT_EQ(count("SELECT electorate_heads FROM votes WHERE id = " + std::to_string(id)), 4);
  // One vote per matter.
  open(topic, "simple_majority", "council", 409);
  auto member_client = as("council_member");
  EXPECT_EQ(member_client->post(path + "/ballot", {{"choice", "no"}}).status, 303);
  EXPECT_EQ(member_client->post(path + "/ballot", {{"choice", "yes"}}).status, 303);  // changed
  EXPECT_EQ(member_client->post(path + "/ballot", {{"choice", "maybe"}}).status, 422);
  EXPECT_EQ(director->post(path + "/ballot", {{"choice", "yes"}}).status, 303);
  // A resident is not a council member.
  EXPECT_EQ(as("resident")->post(path + "/ballot", {{"choice", "no"}}).status, 409);
  // Written ballots for the members without accounts.
  EXPECT_EQ(director->post(path + "/written", {{"voter", "999"}, {"choice", "yes"}}).status, 422);
  EXPECT_EQ(director
                ->post(path + "/written",
                       {{"voter", std::to_string(member("赵美华"))}, {"choice", "yes"}})
                .status,
            303);
  // Not closable before the close while someone has not voted.
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", "x"}}).status, 409);
  EXPECT_EQ(
      director
          ->post(path + "/written", {{"voter", std::to_string(member("周德明"))}, {"choice", "no"}})
          .status,
      303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ballots WHERE vote_id = " + std::to_string(id)), 4);
  // Everyone has voted: it can close; a passing vote needs the decision's text.
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", " "}}).status, 422);
  EXPECT_EQ(director->post(path + "/close", {{"present", "1"}, {"decision", "x"}}).status,
            422);  // more present than members
  EXPECT_EQ(director
                ->post(path + "/close",
                       {{"present", "0"}, {"decision", "电梯费用按楼层系数分摊，一楼不分摊。"}})
                .status,
            303);
  EXPECT_EQ(count("SELECT yes_heads FROM votes WHERE id = " + std::to_string(id)), 3);
  EXPECT_EQ(count("SELECT no_heads FROM votes WHERE id = " + std::to_string(id)), 1);
  EXPECT_EQ(count("SELECT passed FROM votes WHERE id = " + std::to_string(id)), 1);
  EXPECT_EQ(topic_status(topic), "decided");
  auto page = Client(p()).get(path);
  EXPECT_NE(page.body.find("表决通过"), std::string::npos);
  EXPECT_NE(page.body.find("一楼不分摊"), std::string::npos);
  EXPECT_NE(
      Client(p()).get("/deliberation/topics/" + std::to_string(topic)).body.find("一楼不分摊"),
      std::string::npos);
  // Closed is closed.
  EXPECT_EQ(member_client->post(path + "/ballot", {{"choice", "no"}}).status, 409);
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", "x"}}).status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM decisions WHERE topic_id = " + std::to_string(topic)), 1);
}

TEST_P(Votes, AResidentsMeetingWithoutQuorumDecidesNothing) {
  auto topic = agenda_topic("appeal");
  // Owners' rules count area, which households do not have.
  open(topic, "owners_ordinary", "households", 422);
  auto id = open(topic, "residents_meeting", "households");
  ASSERT_GT(id, 0);
  auto path = "/deliberation/votes/" + std::to_string(id);
  auto households = count("SELECT electorate_heads FROM votes WHERE id = " + std::to_string(id));
  EXPECT_EQ(households, count("SELECT COUNT(*) FROM households WHERE community_id = " +
                              unit("guangyi-jiayuan")));
  EXPECT_EQ(as("resident")->post(path + "/ballot", {{"choice", "yes"}}).status, 303);
  EXPECT_EQ(as("council_member")->post(path + "/ballot", {{"choice", "yes"}}).status,
            409);  // staff, not a household of the community
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", ""}}).status, 409);
  tp->clock.advance(3600);
  director = as("community_director");
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", ""}}).status, 303);
  EXPECT_EQ(count("SELECT quorum_met FROM votes WHERE id = " + std::to_string(id)), 0);
  EXPECT_EQ(topic_status(topic), "rejected");
  EXPECT_NE(Client(p()).get(path).body.find("未达到法定人数"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM decisions WHERE topic_id = " + std::to_string(topic)), 0);
}

TEST_P(Votes, OwnersVoteByAreaAndByOwnersCountedAsTheLawSays) {
  auto community = unit("guangyi-jiayuan");
  auto import = [&](const std::string& lines) {
    return director->post("/deliberation/councils/register",
                          {{"community", community}, {"register", lines}});
  };
  auto bad = import("1-1-101,王建国,100.00,0,resident\n1-1-102,李梅,100.005,0\n");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("第 2 行"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM property_parts"), 0);
  // Two owners, and the developer's two unsold flats, which count as one owner.
  EXPECT_EQ(import("1-1-101,王建国,100.00,0,resident\n1-1-102,李梅,100,0\n"
                   "2-1-101,,100,1\n2-1-102,恒大地产,50.00,1\n")
                .status,
            303);
  // "developer" names the developer's parts; a private owner cannot be called that.
  EXPECT_EQ(import("9-9-901,developer,80,0\n").status, 422);
  // Owners' rules need the owners as the electorate.
  open(agenda_topic("appeal"), "owners_ordinary", "council", 422);
  auto id = open(agenda_topic("appeal"), "owners_ordinary", "owners");
  ASSERT_GT(id, 0);
  EXPECT_EQ(count("SELECT electorate_heads FROM votes WHERE id = " + std::to_string(id)), 3);
  EXPECT_EQ(count("SELECT electorate_area FROM votes WHERE id = " + std::to_string(id)), 35000);
  // The register is fixed while owners vote.
  EXPECT_EQ(import("1-1-101,王建国,1,0\n").status, 409);
  auto path = "/deliberation/votes/" + std::to_string(id);
  EXPECT_EQ(as("resident")->post(path + "/ballot", {{"choice", "yes"}}).status, 303);
  EXPECT_EQ(as("council_member")->post(path + "/ballot", {{"choice", "yes"}}).status,
            409);  // not an owner
  EXPECT_EQ(director->post(path + "/written", {{"voter", "张三"}, {"choice", "yes"}}).status, 422);
  EXPECT_EQ(director->post(path + "/written", {{"voter", "李梅"}, {"choice", "yes"}}).status, 303);
  EXPECT_EQ(director->post(path + "/written", {{"voter", "developer"}, {"choice", "no"}}).status,
            303);
  EXPECT_EQ(director->post(path + "/close", {{"present", "1"}, {"decision", "x"}}).status, 422);
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", "同意。"}}).status,
            303);
  // Two owners of three, 200.00 of 350.00 m²: more than half of both.
  EXPECT_EQ(count("SELECT yes_area FROM votes WHERE id = " + std::to_string(id)), 20000);
  EXPECT_EQ(count("SELECT no_area FROM votes WHERE id = " + std::to_string(id)), 15000);
  EXPECT_EQ(count("SELECT passed FROM votes WHERE id = " + std::to_string(id)), 1);
  EXPECT_NE(Client(p()).get(path).body.find("200.00 m²"), std::string::npos);
  // The same ballots on a major matter (three-quarters of both) do not pass.
  auto major = open(agenda_topic("council"), "owners_major", "owners");
  auto major_path = "/deliberation/votes/" + std::to_string(major);
  as("resident")->post(major_path + "/ballot", {{"choice", "yes"}});
  director->post(major_path + "/written", {{"voter", "李梅"}, {"choice", "yes"}});
  director->post(major_path + "/written", {{"voter", "developer"}, {"choice", "no"}});
  EXPECT_EQ(director->post(major_path + "/close", {{"present", "0"}, {"decision", ""}}).status,
            303);
  EXPECT_EQ(count("SELECT passed FROM votes WHERE id = " + std::to_string(major)), 0);
  EXPECT_EQ(count("SELECT quorum_met FROM votes WHERE id = " + std::to_string(major)), 1);
}

TEST_P(Votes, AResidentsMeetingOfAllAdults) {
  auto id = open(agenda_topic("appeal"), "residents_meeting", "adults");
  ASSERT_GT(id, 0);
  auto path = "/deliberation/votes/" + std::to_string(id);
  EXPECT_EQ(count("SELECT electorate_heads FROM votes WHERE id = " + std::to_string(id)),
            count("SELECT COUNT(*) FROM residents WHERE status = 'verified' AND adult = 1 AND "
                  "community_id = " +
                  unit("guangyi-jiayuan")));
  // Each adult votes for themselves: two members of one household both vote.
  EXPECT_EQ(as("resident")->post(path + "/ballot", {{"choice", "yes"}}).status, 303);
  auto same_house = household_member("adult_two", "guangyi-jiayuan", 0);
  EXPECT_EQ(same_house->post(path + "/ballot", {{"choice", "yes"}}).status,
            409);  // registered after the opening: not in this electorate
  EXPECT_EQ(count("SELECT COUNT(*) FROM ballots WHERE vote_id = " + std::to_string(id)), 1);
}

TEST_P(Votes, AResidentsMeetingOfGroupRepresentatives) {
  auto community = unit("guangyi-jiayuan");
  auto resident_no = [&](const std::string& username) {
    return std::to_string(
        count("SELECT r.id FROM residents r JOIN accounts a ON a.id = "
              "r.account_id WHERE a.username = '" +
              username + "'"));
  };
  household_member("rep_two", "guangyi-jiayuan", 1);
  auto elsewhere = household_member("rep_elsewhere", "guangrui", 1);
  (void)elsewhere;
  auto add = [&](const std::string& resident, const std::string& group) {
    return director->post("/deliberation/representatives",
                          {{"community", community}, {"resident", resident}, {"group", group}});
  };
  EXPECT_EQ(add(resident_no("rep_elsewhere"), "第一居民小组").status, 422);  // not ours
  EXPECT_EQ(add(resident_no("resident"), "").status, 422);
  EXPECT_EQ(add(resident_no("resident"), "第一居民小组").status, 303);
  EXPECT_EQ(add(resident_no("resident"), "第一居民小组").status, 409);
  EXPECT_EQ(add(resident_no("rep_two"), "第二居民小组").status, 303);
  auto id = open(agenda_topic("appeal"), "residents_meeting", "representatives");
  ASSERT_GT(id, 0);
  EXPECT_EQ(count("SELECT electorate_heads FROM votes WHERE id = " + std::to_string(id)), 2);
  auto path = "/deliberation/votes/" + std::to_string(id);
  EXPECT_EQ(as("resident")->post(path + "/ballot", {{"choice", "yes"}}).status, 303);
  EXPECT_EQ(
      director->post(path + "/written", {{"voter", resident_no("rep_two")}, {"choice", "yes"}})
          .status,
      303);
  // Everyone has voted: two of two present, two yes — the meeting decides.
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", "同意。"}}).status,
            303);
  EXPECT_EQ(count("SELECT passed FROM votes WHERE id = " + std::to_string(id)), 1);
  // Removing a representative later does not change the vote that was held.
  EXPECT_EQ(director
                ->post("/deliberation/representatives/" + resident_no("rep_two") + "/remove",
                       {{"community", community}})
                .status,
            303);
}

TEST_P(Votes, OnlyANoticedAgendaIsVoted) {
  // A topic on the list but not on the noticed agenda.
  auto member = as("council_member");
  auto loc = member
                 ->post("/deliberation/raise", {{"community", unit("guangyi-jiayuan")},
                                                {"title", "临时动议"},
                                                {"body", "会上临时提出。"}})
                 .header("Location");
  auto topic = std::stoll(loc.substr(21));
  open(topic, "simple_majority", "council", 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM votes WHERE topic_id = " + std::to_string(topic)), 0);
}

SILIAN_ON_BOTH_ENGINES(Votes);

// After the council's decision: tasks, progress, supervision, the public record, ratings.
class Execution : public Votes {
 protected:
  // The council decides the elevator topic; returns the decision's id.
  long long decided() {
    auto id = open(agenda_topic("council"), "simple_majority", "council");
    auto path = "/deliberation/votes/" + std::to_string(id);
    director->post(path + "/ballot", {{"choice", "yes"}});
    as("council_member")->post(path + "/ballot", {{"choice", "yes"}});
    director->post(path + "/written",
                   {{"voter", std::to_string(member("赵美华"))}, {"choice", "no"}});
    director->post(path + "/written",
                   {{"voter", std::to_string(member("周德明"))}, {"choice", "yes"}});
    EXPECT_EQ(
        director->post(path + "/close", {{"present", "0"}, {"decision", "按楼层分摊。"}}).status,
        303);
    return count("SELECT id FROM decisions WHERE vote_id = " + std::to_string(id));
  }
};

TEST_P(Execution, TasksAreCarriedOutSupervisedSignedOffAndRated) {
  auto decision = decided();
  ASSERT_GT(decision, 0);
  auto path = "/deliberation/decisions/" + std::to_string(decision);
  auto topic = count("SELECT topic_id FROM decisions WHERE id = " + std::to_string(decision));
  std::string today = deliberation::format_local_datetime(p().clock.now()).substr(0, 10);
  // Bad tasks change nothing.
  EXPECT_EQ(
      director
          ->post(path + "/tasks",
                 {{"title", ""}, {"username", "community_worker"}, {"unit", ""}, {"due", today}})
          .status,
      422);
  EXPECT_EQ(director
                ->post(path + "/tasks", {{"title", "x"},
                                         {"username", "community_worker"},
                                         {"unit", ""},
                                         {"due", "2020-01-01"}})
                .status,
            422);
  EXPECT_EQ(
      director
          ->post(path + "/tasks", {{"title", "x"}, {"username", ""}, {"unit", ""}, {"due", today}})
          .status,
      422);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM decision_tasks WHERE decision_id = " + std::to_string(decision)),
      0);
  // The supervisory committee cannot sign off a decision with nothing carried out.
  auto supervisor = as("supervisor");
  EXPECT_EQ(supervisor->post(path + "/review", {{"verdict", "signed_off"}, {"note", ""}}).status,
            409);  // not executing yet
  EXPECT_EQ(director
                ->post(path + "/tasks", {{"title", "测量各楼层住户数"},
                                         {"username", "community_worker"},
                                         {"unit", ""},
                                         {"due", today}})
                .status,
            303);
  EXPECT_EQ(director
                ->post(path + "/tasks", {{"title", "物业出具维护报价"},
                                         {"username", ""},
                                         {"unit", "guangyi-jiayuan-pm"},
                                         {"due", today}})
                .status,
            303);
  EXPECT_EQ(topic_status(topic), "executing");
  auto worker_task = count("SELECT id FROM decision_tasks WHERE title = '测量各楼层住户数'");
  auto unit_task = count("SELECT id FROM decision_tasks WHERE title = '物业出具维护报价'");
  auto report = [](long long task) {
    return "/deliberation/tasks/" + std::to_string(task) + "/reports";
  };
  // Only the owner reports on a task.
  EXPECT_EQ(as("resident")->post(report(worker_task), {{"body", "x"}}).status, 404);
  auto worker = as("community_worker");
  EXPECT_EQ(worker->post(report(worker_task), {{"body", ""}}).status, 422);
  EXPECT_EQ(worker->post(report(worker_task), {{"body", "已完成1-3号楼统计。"}}).status, 303);
  EXPECT_EQ(supervisor->post(path + "/review", {{"verdict", "signed_off"}, {"note", ""}}).status,
            409);  // tasks still open
  EXPECT_EQ(supervisor->post(path + "/review", {{"verdict", "objection"}, {"note", ""}}).status,
            422);
  EXPECT_EQ(supervisor->post(path + "/review", {{"verdict", "objection"}, {"note", "统计缺4号楼"}})
                .status,
            303);
  EXPECT_EQ(worker->post(report(worker_task), {{"body", "4号楼已补充。"}, {"done", "1"}}).status,
            303);
  EXPECT_EQ(worker->post(report(worker_task), {{"body", "again"}}).status, 409);  // done
  // The property company's staff answer for the company's task.
  auto pm = test::add_account(p(), "pm_staff", "social_org_member", "guangyi-jiayuan-pm");
  (void)pm;
  auto company = as("pm_staff", "password-123");
  EXPECT_EQ(company->post(report(unit_task), {{"body", "报价已提交。"}, {"done", "1"}}).status,
            303);
  // Not the residents' or a stranger's to sign off.
  EXPECT_EQ(as("community_worker")
                ->post(path + "/review", {{"verdict", "signed_off"}, {"note", ""}})
                .status,
            404);
  EXPECT_EQ(
      supervisor->post(path + "/review", {{"verdict", "signed_off"}, {"note", "验收合格"}}).status,
      303);
  EXPECT_EQ(topic_status(topic), "signed_off");
  // Households rate the outcome, once each, changeable.
  auto resident = as("resident");
  EXPECT_EQ(resident->post(path + "/rating", {{"rating", "great"}}).status, 422);
  EXPECT_EQ(resident->post(path + "/rating", {{"rating", "basic"}}).status, 303);
  EXPECT_EQ(resident->post(path + "/rating", {{"rating", "satisfied"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM decision_ratings WHERE decision_id = " +
                  std::to_string(decision)),
            1);
  auto page = Client(p()).get(path);
  EXPECT_NE(page.body.find("验收合格"), std::string::npos);
  EXPECT_NE(page.body.find("统计缺4号楼"), std::string::npos);
  EXPECT_NE(page.body.find("4号楼已补充"), std::string::npos);
  // Tally, decision and sign-off are on the public record, in a chain that verifies.
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM public_record WHERE ref = 'topic:" + std::to_string(topic) + "'"),
      3);
  auto record = Client(p()).get("/record");
  EXPECT_NE(record.body.find("记录链完整"), std::string::npos);
  auto json = Client(p()).get("/record.json");
  EXPECT_EQ(json.status, 200);
  EXPECT_NE(json.body.find("\"algorithm\":\"blake2b-256\""), std::string::npos);
  EXPECT_NE(json.body.find("验收合格"), std::string::npos);
}

TEST_P(Votes, TheElectorateIsFrozenWhenTheVoteOpens) {
  auto topic = agenda_topic("appeal");
  auto id = open(topic, "residents_meeting", "households");
  auto path = "/deliberation/votes/" + std::to_string(id);
  auto heads = count("SELECT electorate_heads FROM votes WHERE id = " + std::to_string(id));
  // A household registered after the opening does not vote in this vote.
  auto household = std::to_string(count("SELECT MAX(id) FROM households") + 1);
  {
    auto lease = p().db->lease();
    org::Household h;
    h.community_id = std::stoll(unit("guangyi-jiayuan"));
    h.address = "广益路99号新楼101室";
    org::insert_household(lease, h, p().clock.now());
  }
  auto newcomer = household_member("newcomer", "guangyi-jiayuan", static_cast<int>(heads));
  EXPECT_EQ(newcomer->post(path + "/ballot", {{"choice", "yes"}}).status, 409);
  EXPECT_EQ(director->post(path + "/written", {{"voter", "广益路99号新楼101室"}, {"choice", "yes"}})
                .status,
            422);
  // The convener does not overwrite a voter's own online ballot.
  EXPECT_EQ(as("resident")->post(path + "/ballot", {{"choice", "no"}}).status, 303);
  EXPECT_EQ(director->post(path + "/written", {{"voter", "广益路1号1单元101室"}, {"choice", "yes"}})
                .status,
            409);
  EXPECT_EQ(count("SELECT choice = 'no' FROM ballots WHERE vote_id = " + std::to_string(id)), 1);
  // Still closable after its close time.
  tp->clock.advance(3600);
  director = as("community_director");
  EXPECT_EQ(director->post(path + "/close", {{"present", "0"}, {"decision", ""}}).status, 303);
  (void)household;
}

TEST_P(Execution, OnlyTheOwningUnitsStaffReportAndNotVolunteers) {
  auto decision = decided();
  auto path = "/deliberation/decisions/" + std::to_string(decision);
  std::string today = deliberation::format_local_datetime(p().clock.now()).substr(0, 10);
  EXPECT_EQ(director
                ->post(path + "/tasks", {{"title", "社区组织施工"},
                                         {"username", ""},
                                         {"unit", "guangyi-jiayuan"},
                                         {"due", today}})
                .status,
            303);
  auto task = count("SELECT id FROM decision_tasks WHERE title = '社区组织施工'");
  auto report = "/deliberation/tasks/" + std::to_string(task) + "/reports";
  EXPECT_EQ(as("volunteer")->post(report, {{"body", "完成"}, {"done", "1"}}).status, 404);
  EXPECT_EQ(as("community_worker")->post(report, {{"body", "已开工。"}}).status, 303);
}

TEST_P(Meetings, ResidentsAreNamedOnlyToTheCommunitysOwnStaff) {
  auto id = demo_meeting();
  auto path = "/deliberation/meetings/" + std::to_string(id);
  tp->clock.advance(8 * 86400);
  auto director = as("community_director");
  EXPECT_EQ(director
                ->post(path + "/attendance",
                       {{"name", "赵秀兰"}, {"capacity", "resident"}, {"mode", "in_person"}})
                .status,
            303);
  EXPECT_NE(director->get(path).body.find("赵秀兰"), std::string::npos);
  // Staff of another community, or of a social organisation, are not the community's staff.
  test::add_account(p(), "other_worker", "community_worker", "guangrui");
  EXPECT_EQ(as("other_worker", "password-123")->get(path).body.find("赵秀兰"), std::string::npos);
  EXPECT_EQ(as("social_org_member")->get(path).body.find("赵秀兰"), std::string::npos);
}

TEST_P(Deliberation, ResidentsCommentUnderTheirCommunityNotTheirName) {
  auto id = count("SELECT id FROM topics WHERE source = 'council' ORDER BY id LIMIT 1");
  auto path = "/deliberation/topics/" + std::to_string(id);
  EXPECT_EQ(as("resident")->post(path + "/comments", {{"body", "我家同意。"}}).status, 303);
  EXPECT_EQ(as("community_worker")->post(path + "/comments", {{"body", "已收集意见。"}}).status,
            303);
  auto page = Client(p()).get(path);
  EXPECT_EQ(page.body.find("居民 王建国"), std::string::npos);
  EXPECT_NE(page.body.find("本社区居民"), std::string::npos);
  EXPECT_NE(page.body.find("社工 张丽华"), std::string::npos);  // staff speak in their name
  EXPECT_NE(as("community_director")->get(path).body.find("居民 王建国"), std::string::npos);
}

TEST_P(Deliberation, TextWithNulIsRefusedBeforeItReachesTheDatabase) {
  auto resident = as("resident");
  auto before = count("SELECT COUNT(*) FROM topics");
  EXPECT_EQ(
      resident->post("/deliberation/propose", {{"title", std::string("a\0b", 3)}, {"body", "正文"}})
          .status,
      422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM topics"), before);
}

SILIAN_ON_BOTH_ENGINES(Execution);

SILIAN_ON_BOTH_ENGINES(Deliberation);
}  // namespace
