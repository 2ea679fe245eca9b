// C2: the appeal loop through the web routes, on both engines, with the demo district.
#include <thread>

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/core/demo.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/jobs/job_queue.hpp"
#include "support/demo_fixture.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
const std::string k_png = std::string("\x89PNG\r\n\x1A\n", 8) + "0123456789abcdef";

class Appeals : public test::OnTheDemo {
 protected:
  std::string category(const std::string& code) { return id_of("appeal_categories", code); }
  appeals::Appeal load(long long id) {
    auto lease = p().db->lease();
    return *appeals::find_appeal(lease, id);
  }
  std::vector<std::string> event_kinds(long long id) {
    auto lease = p().db->lease();
    std::vector<std::string> out;
    for (const auto& e : appeals::events_of(lease, id)) out.push_back(e.kind);
    return out;
  }
  // The resident files an appeal; returns its id.
  long long submit(Client& resident, const std::string& cat, const std::string& text,
                   const std::vector<Client::File>& files = {}) {
    auto r = resident.post_multipart("/appeals",
                                     {{"category", category(cat)},
                                      {"description", text},
                                      {"community", unit("guangyi-jiayuan")},
                                      {"address", "广益路1号"}},
                                     files);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 400);
    auto loc = r.header("Location");
    EXPECT_TRUE(loc.starts_with("/my/appeals/")) << loc;
    return std::stoll(loc.substr(12));
  }
  void run_jobs(std::int64_t at) { jobs::run_due(*p().db, p().jobs, at, "test"); }
  long long kpi(const std::string& field, const std::string& unit_code) {
    return count(
        "SELECT COALESCE(SUM(" + field +
        "), 0) FROM appeal_kpis WHERE subject_kind = 'unit' AND subject_id = " + unit(unit_code));
  }
};

TEST_P(Appeals, TheWholeLoopFromResidentToRating) {
  auto resident = as("resident");
  auto id = submit(*resident, "garbage", "楼下垃圾桶三天没人清运，臭味很大。",
                   {{"photo", "a.png", "image/png", k_png}});
  auto a = load(id);
  EXPECT_EQ(a.status, "awaiting_dispatch");  // department matters go through the street centre
  EXPECT_EQ(a.channel, "web");
  EXPECT_EQ(std::to_string(a.desk_unit_id), unit("guangyi"));
  EXPECT_TRUE(a.public_no.starts_with("SL260921-")) << a.public_no;
  auto mine = resident->get("/my/appeals/" + std::to_string(id));
  EXPECT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find(a.public_no), std::string::npos);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM appeal_attachments WHERE appeal_id = " + std::to_string(id)), 1);
  // The photo comes back byte for byte to its owner.
  auto photo = resident->get("/appeals/" + std::to_string(id) + "/files/" +
                             std::to_string(count("SELECT upload_id FROM appeal_attachments "
                                                  "WHERE appeal_id = " +
                                                  std::to_string(id))));
  EXPECT_EQ(photo.status, 200);
  EXPECT_EQ(photo.content_type, "image/png");
  EXPECT_EQ(photo.body, k_png);

  auto street = as("street_officer");
  auto base = "/appeals/" + std::to_string(id);
  EXPECT_EQ(street->get(base).status, 200);
  auto kpi_before = count(
      "SELECT COALESCE(SUM(dispatched + responded_on_time + rated + resolved + satisfied), 0) FROM "
      "appeal_kpis WHERE subject_kind = 'unit' AND month = '2026-09' AND subject_id = " +
      unit("dept-urban"));
  auto r = street->post(base + "/dispatch",
                        {{"lead", unit("dept-urban")}, {"assist", unit("guangyi-jiayuan")}});
  EXPECT_EQ(r.status, 303);
  a = load(id);
  EXPECT_EQ(a.status, "dispatched");
  EXPECT_EQ(std::to_string(a.lead_unit_id), unit("dept-urban"));
  EXPECT_GT(a.response_due, tp->clock.now());
  EXPECT_GT(a.resolve_due, a.response_due);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeal_units WHERE role = 'assist' AND appeal_id = " +
                  std::to_string(id)),
            1);

  auto dept = as("department_officer");
  tp->clock.advance(3600);
  EXPECT_EQ(dept->post(base + "/respond", {{"note", "已安排环卫人员"}}).status, 303);
  EXPECT_EQ(load(id).status, "in_progress");
  EXPECT_EQ(dept->post(base + "/note", {{"body", "内部：联系清运公司"}}).status, 303);
  EXPECT_EQ(dept->post(base + "/reply", {{"reply", "垃圾已清运，已要求每日巡查。"}}).status, 303);
  EXPECT_EQ(load(id).status, "replied");
  // The resident sees the reply, never the internal note.
  mine = resident->get("/my/appeals/" + std::to_string(id));
  EXPECT_NE(mine.body.find("垃圾已清运"), std::string::npos);
  EXPECT_EQ(mine.body.find("联系清运公司"), std::string::npos);
  EXPECT_EQ(resident
                ->post("/my/appeals/" + std::to_string(id) + "/rate",
                       {{"rating", "satisfied"}, {"resolved", "yes"}})
                .status,
            303);
  a = load(id);
  EXPECT_EQ(a.status, "closed");
  EXPECT_EQ(a.rating, "satisfied");
  EXPECT_EQ(event_kinds(id), (std::vector<std::string>{"submitted", "dispatched", "responded",
                                                       "note", "replied", "rated"}));
  // Counted once for the lead unit, responded on time.
  EXPECT_EQ(
      count(
          "SELECT COALESCE(SUM(dispatched + responded_on_time + rated + resolved + satisfied), 0) "
          "FROM appeal_kpis WHERE subject_kind = 'unit' AND month = '2026-09' AND subject_id = " +
          unit("dept-urban")),
      kpi_before + 5);
  // Notifications reached the street (to dispatch), the department and the resident.
  EXPECT_GE(
      count("SELECT COUNT(*) FROM notifications WHERE message_key = 'notify_appeal_to_dispatch'"),
      1);
  EXPECT_GE(
      count("SELECT COUNT(*) FROM notifications WHERE message_key = 'notify_appeal_dispatched'"),
      1);
  EXPECT_GE(count("SELECT COUNT(*) FROM notifications WHERE message_key = 'notify_appeal_replied'"),
            1);
  auto lease = p().db->lease();
  EXPECT_TRUE(audit::verify(lease).ok);
}

TEST_P(Appeals, BadInputIsRefusedAndChangesNothing) {
  auto resident = as("resident");
  auto before = count("SELECT COUNT(*) FROM appeals");
  auto r = resident->post_multipart(
      "/appeals", {{"description", "没有选类别"}, {"community", unit("guangyi-jiayuan")}}, {});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("请选择诉求类别"), std::string::npos);
  EXPECT_NE(r.body.find("没有选类别"), std::string::npos);  // the form keeps what was typed
  r = resident->post_multipart("/appeals",
                               {{"category", category("noise")},
                                {"description", "x"},
                                {"community", unit("guangyi-jiayuan")}},
                               {{"photo", "a.png", "image/png", "not really a png"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("只能上传"), std::string::npos);
  r = resident->post_multipart("/appeals",
                               {{"category", category("noise")},
                                {"description", "x"},
                                {"community", unit("guangyi-jiayuan")},
                                {"lat", "91"},
                                {"lng", "120"}},
                               {});
  EXPECT_EQ(r.status, 422);
  r = resident->post_multipart(
      "/appeals",
      {{"category", category("noise")}, {"description", "x"}, {"community", unit("guangyi")}}, {});
  EXPECT_EQ(r.status, 422);  // a street is not a community
  r = resident->post_multipart("/appeals",
                               {{"category", category("noise")},
                                {"description", "x"},
                                {"community", unit("guangyi-jiayuan")},
                                {"grid", unit("jianghai-xincun-g1")}},
                               {});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeals"), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM uploads"), 0);
  // A step out of order is a conflict, and rating someone else's appeal is not found.
  auto id = submit(*resident, "noise", "夜间施工噪音");
  auto dept = as("department_officer");
  EXPECT_EQ(resident
                ->post("/my/appeals/" + std::to_string(id) + "/rate",
                       {{"rating", "satisfied"}, {"resolved", "yes"}})
                .status,
            409);
  auto other = as("community_worker");
  EXPECT_EQ(
      other->post("/my/appeals/" + std::to_string(id) + "/rate", {{"rating", "satisfied"}}).status,
      403);
  EXPECT_EQ(load(id).status, "awaiting_dispatch");
}

TEST_P(Appeals, EachRoleSeesOnlyItsScope) {
  auto resident = as("resident");
  auto id = submit(*resident, "neighbour-dispute", "楼上漏水");  // community route
  EXPECT_EQ(load(id).status, "dispatched");
  auto path = "/appeals/" + std::to_string(id);
  EXPECT_EQ(as("community_worker")->get(path).status, 200);
  EXPECT_EQ(as("street_officer")->get(path).status, 200);
  EXPECT_EQ(as("district_admin")->get(path).status, 200);
  EXPECT_EQ(as("department_officer")->get(path).status, 404);  // not its matter
  test::add_account(p(), "cw_other", "community_worker", "jianghai-xincun");
  test::add_account(p(), "so_other", "street_officer", "jianghai");
  EXPECT_EQ(as("cw_other", "password-123")->get(path).status, 404);
  EXPECT_EQ(as("so_other", "password-123")->get(path).status, 404);
  EXPECT_EQ(
      as("cw_other", "password-123")->get("/appeals?q=楼上漏水").body.find(load(id).public_no),
      std::string::npos);
  // Nor act on it.
  EXPECT_EQ(as("so_other", "password-123")->post(path + "/respond", {}).status, 404);
  EXPECT_EQ(load(id).status, "dispatched");
}

TEST_P(Appeals, AnAssistingUnitFindsTheAppealOutsideItsTerritory) {
  auto worker = as("community_worker");
  auto r = worker->post_multipart("/appeals/intake",
                                  {{"channel", "walk_in"},
                                   {"category", category("illegal-construction")},
                                   {"description", "通江社区B12栋楼顶违建"},
                                   {"community", unit("tongjiang")},
                                   {"contact_phone", "13900001111"}},
                                  {});
  ASSERT_EQ(r.status, 303);
  auto id = std::stoll(r.header("Location").substr(9));
  auto no = load(id).public_no;
  test::add_account(p(), "cw_tongjiang", "community_worker", "tongjiang");
  EXPECT_EQ(as("district_admin")
                ->post("/appeals/" + std::to_string(id) + "/dispatch",
                       {{"lead", unit("dept-urban")}, {"assist", unit("guangyi-jiayuan")}})
                .status,
            303);
  // 广益佳苑 assists with a matter in 通江: it finds it by its number and can add notes.
  auto list = worker->get("/appeals?q=" + no);
  EXPECT_NE(list.body.find("/appeals/" + std::to_string(id) + "\""), std::string::npos);
  EXPECT_EQ(worker->post("/appeals/" + std::to_string(id) + "/note", {{"body", "已协查"}}).status,
            303);
  EXPECT_EQ(worker->post("/appeals/" + std::to_string(id) + "/reply", {{"reply", "x"}}).status,
            403);
  // Latin words match as prefixes.
  auto admin = as("district_admin");
  EXPECT_NE(admin->get("/appeals?q=b1").body.find(no), std::string::npos);
  EXPECT_EQ(admin->get("/appeals?q=b13").body.find(no), std::string::npos);
}

TEST_P(Appeals, AnonymousContactIsShownOnlyToTheHandlerAndTheReadIsLogged) {
  auto worker = as("community_worker");
  auto r = worker->post_multipart("/appeals/intake",
                                  {{"channel", "phone"},
                                   {"category", category("neighbour-dispute")},
                                   {"description", "邻居噪声纠纷"},
                                   {"community", unit("guangyi-jiayuan")},
                                   {"contact_name", "赵大妈"},
                                   {"contact_phone", "13912345678"},
                                   {"anonymous", "1"}},
                                  {});
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  auto id = std::stoll(r.header("Location").substr(9));
  auto a = load(id);
  EXPECT_EQ(a.channel, "phone");
  EXPECT_TRUE(a.anonymous);
  EXPECT_EQ(a.contact_phone_sealed.find("139"), std::string::npos);  // sealed at rest
  auto reads = count("SELECT COUNT(*) FROM audit_entries WHERE action = 'appeals.contact.read'");
  auto page = worker->get("/appeals/" + std::to_string(id));  // the community is the handler
  EXPECT_NE(page.body.find("13912345678"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'appeals.contact.read'"),
            reads + 1);
  page = as("street_officer")->get("/appeals/" + std::to_string(id));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("13912345678"), std::string::npos);
  EXPECT_EQ(page.body.find("139****5678"), std::string::npos);
  EXPECT_EQ(page.body.find("赵"), std::string::npos);
}

TEST_P(Appeals, ReopenOnceThenReviewByTheDistrict) {
  auto resident = as("resident");
  auto id = submit(*resident, "garbage", "垃圾分类点污水横流");
  auto base = "/appeals/" + std::to_string(id);
  as("street_officer")->post(base + "/dispatch", {{"lead", unit("dept-urban")}});
  auto dept = as("department_officer");
  dept->post(base + "/respond", {});
  dept->post(base + "/reply", {{"reply", "已清理"}});
  auto rate = "/my/appeals/" + std::to_string(id) + "/rate";
  EXPECT_EQ(resident->post(rate, {{"rating", "unsatisfied"}, {"resolved", "no"}}).status, 303);
  auto a = load(id);
  EXPECT_EQ(a.status, "in_progress");
  EXPECT_EQ(a.reopen_count, 1);
  auto rated = kpi("rated", "dept-urban");
  dept->post(base + "/reply", {{"reply", "再次清理并加装排水"}});
  EXPECT_EQ(resident->post(rate, {{"rating", "unsatisfied"}, {"resolved", "no"}}).status, 303);
  EXPECT_EQ(load(id).status, "review");
  EXPECT_EQ(kpi("rated", "dept-urban"), rated + 1);  // only the rating that ends the loop counts
  EXPECT_GE(count("SELECT COUNT(*) FROM notifications WHERE message_key = 'notify_appeal_review'"),
            1);
  EXPECT_EQ(as("street_officer")->post(base + "/review", {{"conclusion", "x"}}).status, 403);
  EXPECT_EQ(as("district_admin")
                ->post(base + "/review", {{"conclusion", "经复核，已按规定处理到位。"}})
                .status,
            303);
  EXPECT_EQ(load(id).status, "closed");
  auto kinds = event_kinds(id);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "reopened"), 1);
  EXPECT_EQ(kinds.back(), "reviewed");
}

TEST_P(Appeals, OverdueAppealsEscalateCommunityStreetDistrict) {
  auto resident = as("resident");
  auto id = submit(*resident, "neighbour-dispute", "楼道堆物");  // 24 working hours to respond
  auto a = load(id);
  run_jobs(a.response_due - 1);
  EXPECT_EQ(load(id).escalation_level, 0);
  run_jobs(a.response_due + 1);
  EXPECT_EQ(load(id).escalation_level, 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM notifications n JOIN role_assignments r ON r.account_id = "
                  "n.account_id WHERE n.message_key = 'notify_appeal_escalated' AND r.role = "
                  "'street_officer'"),
            1);
  // A working day later it is still unanswered: the district hears of it.
  run_jobs(a.response_due + 5 * 86400);
  EXPECT_EQ(load(id).escalation_level, 2);
  EXPECT_GE(count("SELECT COUNT(*) FROM notifications n JOIN role_assignments r ON r.account_id = "
                  "n.account_id WHERE n.message_key = 'notify_appeal_escalated' AND r.role = "
                  "'district_admin'"),
            1);
  run_jobs(a.response_due + 30 * 86400);
  EXPECT_EQ(load(id).escalation_level, 2);
  auto kinds = event_kinds(id);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "escalated"), 2);
  // A responded appeal does not escalate for its response deadline.
  auto second = submit(*resident, "neighbour-dispute", "路灯不亮");
  as("community_worker")->post("/appeals/" + std::to_string(second) + "/respond", {});
  run_jobs(load(second).response_due + 3600);
  EXPECT_EQ(load(second).escalation_level, 0);
  tp->clock.set(a.response_due + 3600);
  auto list = as("street_officer")->get("/appeals?overdue=1");
  EXPECT_NE(list.body.find(load(id).public_no), std::string::npos);
}

TEST_P(Appeals, ReturnWithinTheObjectionWindowOnly) {
  auto resident = as("resident");
  auto id = submit(*resident, "street-vending", "门口摆摊");
  auto base = "/appeals/" + std::to_string(id);
  auto street = as("street_officer");
  auto dispatched = kpi("dispatched", "dept-urban");
  street->post(base + "/dispatch", {{"lead", unit("dept-urban")}});
  EXPECT_EQ(kpi("dispatched", "dept-urban"), dispatched + 1);
  auto dept = as("department_officer");
  EXPECT_EQ(dept->post(base + "/return", {{"reason", ""}}).status, 422);
  EXPECT_EQ(dept->post(base + "/return", {{"reason", "属市场监管职责"}}).status, 303);
  auto a = load(id);
  EXPECT_EQ(a.status, "awaiting_dispatch");
  EXPECT_EQ(a.lead_unit_id, 0);
  EXPECT_EQ(kpi("dispatched", "dept-urban"), dispatched);  // a return is not held against it
  street->post(base + "/dispatch", {{"lead", unit("dept-urban")}});
  tp->clock.advance(3 * 86400);  // past 24 working hours
  dept = as("department_officer");
  EXPECT_EQ(dept->post(base + "/return", {{"reason", "太晚了"}}).status, 422);
  EXPECT_EQ(load(id).status, "dispatched");
}

TEST_P(Appeals, ExtensionsNeedAReasonAndTheResidentSeesThem) {
  auto resident = as("resident");
  auto id = submit(*resident, "illegal-construction", "楼顶搭建");
  auto base = "/appeals/" + std::to_string(id);
  as("street_officer")->post(base + "/dispatch", {{"lead", unit("dept-urban")}});
  auto due = load(id).resolve_due;
  auto dept = as("department_officer");
  EXPECT_EQ(dept->post(base + "/extend", {{"days", "5"}, {"reason", ""}}).status, 422);
  EXPECT_EQ(dept->post(base + "/extend", {{"days", "99"}, {"reason", "x"}}).status, 422);
  EXPECT_EQ(dept->post(base + "/extend", {{"days", "5"}, {"reason", "需要规划部门认定"}}).status,
            303);
  EXPECT_GT(load(id).resolve_due, due + 4 * 86400);
  auto mine = resident->get("/my/appeals/" + std::to_string(id));
  EXPECT_NE(mine.body.find("需要规划部门认定"), std::string::npos);
}

TEST_P(Appeals, SearchFindsTwoCharacterWordsInEitherScript) {
  auto admin = as("district_admin");
  auto resident = as("resident");
  auto parking = load(submit(*resident, "community-affairs", "晚上停车位被外来车辆占满"));
  auto noise = load(submit(*resident, "noise", "空调外机噪音很大"));
  auto found = admin->get("/appeals?q=" + http::url_encode("停車"));
  EXPECT_NE(found.body.find(parking.public_no), std::string::npos);
  EXPECT_EQ(found.body.find(noise.public_no), std::string::npos);
  found = admin->get("/appeals?q=" + http::url_encode("噪音"));
  EXPECT_NE(found.body.find(noise.public_no), std::string::npos);
  EXPECT_EQ(found.body.find(parking.public_no), std::string::npos);
  found = admin->get("/appeals?q=" + http::url_encode("外机噪音"));
  EXPECT_NE(found.body.find(noise.public_no), std::string::npos);
  found = admin->get("/appeals?q=" + http::url_encode("噪聲"));  // not a word in the text
  EXPECT_EQ(found.body.find(noise.public_no), std::string::npos);
  // A lone character matches the words it starts.
  found = admin->get("/appeals?q=" + http::url_encode("停"));
  EXPECT_NE(found.body.find(parking.public_no), std::string::npos);
  EXPECT_EQ(found.body.find(noise.public_no), std::string::npos);
  EXPECT_EQ(admin->get("/appeals?q=%25%27%22").status, 200);  // odd input is just text
}

TEST_P(Appeals, NearDuplicatesAreGroupedAndHandledOnce) {
  auto resident = as("resident");
  auto first = submit(*resident, "noise", "小区门口烧烤摊油烟和噪音扰民到凌晨");
  auto second = submit(*resident, "noise", "小区门口烧烤摊油烟噪音扰民到凌晨两点");
  auto street = as("street_officer");
  auto dispatched = kpi("dispatched", "dept-eco");
  auto page = street->get("/appeals/" + std::to_string(first));
  EXPECT_NE(page.body.find(load(second).public_no), std::string::npos);  // suggested
  EXPECT_EQ(street
                ->post("/appeals/" + std::to_string(first) + "/group",
                       {{"member", std::to_string(second)}})
                .status,
            303);
  EXPECT_EQ(load(second).group_id, first);
  EXPECT_EQ(
      street->post("/appeals/" + std::to_string(second) + "/dispatch", {{"lead", unit("dept-eco")}})
          .status,
      422);
  street->post("/appeals/" + std::to_string(first) + "/dispatch", {{"lead", unit("dept-eco")}});
  EXPECT_EQ(load(second).status, "dispatched");
  test::add_account(p(), "eco", "department_officer", "dept-eco");
  auto eco = as("eco", "password-123");
  eco->post("/appeals/" + std::to_string(first) + "/respond", {});
  eco->post("/appeals/" + std::to_string(first) + "/reply", {{"reply", "已取缔烧烤摊"}});
  EXPECT_EQ(load(second).status, "replied");
  EXPECT_EQ(load(second).public_reply, "已取缔烧烤摊");
  // Counted as two for the department.
  EXPECT_EQ(kpi("dispatched", "dept-eco"), dispatched + 2);
  // Each resident rates their own.
  EXPECT_EQ(resident
                ->post("/my/appeals/" + std::to_string(second) + "/rate",
                       {{"rating", "basic"}, {"resolved", "yes"}})
                .status,
            303);
  EXPECT_EQ(load(second).status, "closed");
  EXPECT_EQ(load(first).status, "replied");
}

TEST_P(Appeals, ReturnVisitRecordsTheRatingWhenTheResidentDoesNot) {
  auto resident = as("resident");
  auto id = submit(*resident, "neighbour-dispute", "楼上装修噪声");
  auto worker = as("community_worker");
  auto base = "/appeals/" + std::to_string(id);
  worker->post(base + "/respond", {});
  worker->post(base + "/reply", {{"reply", "已调解"}});
  std::vector<std::pair<std::string, std::string>> visit{
      {"rating", "basic"}, {"resolved", "yes"}, {"note", "电话回访"}};
  // The handler does not rate its own work.
  EXPECT_EQ(worker->post(base + "/visit", visit).status, 403);
  // The resident has three days to rate first.
  auto street = as("street_officer");
  EXPECT_EQ(street->post(base + "/visit", visit).status, 422);
  EXPECT_EQ(load(id).status, "replied");
  tp->clock.advance(3 * 86400 + 60);
  street = as("street_officer");
  EXPECT_EQ(street->post(base + "/visit", visit).status, 303);
  auto a = load(id);
  EXPECT_EQ(a.status, "closed");
  EXPECT_EQ(a.rating, "basic");
  EXPECT_EQ(event_kinds(id).back(), "visited");
}

TEST_P(Appeals, GroupingTakesOnlyFreshAppealsAndNeedsTheAuthorityToDispatchThem) {
  auto resident = as("resident");
  auto mine = submit(*resident, "neighbour-dispute", "楼道里电动车充电有火灾隐患");
  auto theirs = submit(*resident, "garbage", "楼道里电动车充电有火灾隐患请处理");
  auto worker = as("community_worker");
  // The community cannot pull in an appeal that waits for the street's dispatch.
  EXPECT_EQ(worker
                ->post("/appeals/" + std::to_string(mine) + "/group",
                       {{"member", std::to_string(theirs)}})
                .status,
            403);
  EXPECT_EQ(load(theirs).group_id, 0);
  // An appeal already being worked on does not join a group.
  auto third = submit(*resident, "neighbour-dispute", "楼道电动车充电隐患");
  worker->post("/appeals/" + std::to_string(third) + "/respond", {});
  EXPECT_EQ(
      worker
          ->post("/appeals/" + std::to_string(mine) + "/group", {{"member", std::to_string(third)}})
          .status,
      422);
  // A rated member is not reset by a later reply on its primary.
  auto fourth = submit(*resident, "neighbour-dispute", "楼道电动车充电隐患严重");
  EXPECT_EQ(worker
                ->post("/appeals/" + std::to_string(mine) + "/group",
                       {{"member", std::to_string(fourth)}})
                .status,
            303);
  worker->post("/appeals/" + std::to_string(mine) + "/respond", {});
  worker->post("/appeals/" + std::to_string(mine) + "/reply", {{"reply", "已劝离"}});
  resident->post("/my/appeals/" + std::to_string(fourth) + "/rate",
                 {{"rating", "satisfied"}, {"resolved", "yes"}});
  resident->post("/my/appeals/" + std::to_string(mine) + "/rate",
                 {{"rating", "unsatisfied"}, {"resolved", "no"}});
  EXPECT_EQ(load(mine).status, "in_progress");
  worker->post("/appeals/" + std::to_string(mine) + "/reply", {{"reply", "已安装充电桩"}});
  EXPECT_EQ(load(fourth).status, "closed");
}

TEST_P(Appeals, TwoDispatchesAtOnceDispatchOnce) {
  auto resident = as("resident");
  auto id = submit(*resident, "garbage", "垃圾站满了");
  auto path = "/appeals/" + std::to_string(id) + "/dispatch";
  auto first = as("street_officer");
  auto second = as("district_admin");
  auto urban = unit("dept-urban"), eco = unit("dept-eco");
  std::vector<int> statuses(2);
  std::thread a([&] { statuses[0] = first->post(path, {{"lead", urban}}).status; });
  std::thread b([&] { statuses[1] = second->post(path, {{"lead", eco}}).status; });
  a.join();
  b.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{303, 409}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeal_units WHERE role = 'lead' AND appeal_id = " +
                  std::to_string(id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeal_events WHERE kind = 'dispatched' AND appeal_id = " +
                  std::to_string(id)),
            1);
}

TEST_P(Appeals, OddInputNeverBreaksAPage) {
  auto admin = as("district_admin");
  EXPECT_EQ(admin->get("/appeals?q=%F0%22AA").status, 200);         // malformed UTF-8
  EXPECT_EQ(admin->get("/appeals?q=%22%2A%3A%27%5C").status, 200);  // query syntax
  EXPECT_EQ(admin->get("/appeals?page=999999").status, 200);
  Client anonymous(p());
  EXPECT_EQ(anonymous.get("/board?page=101").status, 404);
  auto resident = as("resident");
  auto before = count("SELECT COUNT(*) FROM appeals");
  auto r = resident->post_multipart("/appeals",
                                    {{"category", category("noise")},
                                     {"description", "x"},
                                     {"community", unit("guangyi-jiayuan")},
                                     {"lat", "nan"},
                                     {"lng", "120"}},
                                    {});
  EXPECT_EQ(r.status, 422);
  r = resident->post_multipart("/appeals",
                               {{"category", category("noise")},
                                {"description", std::string("bad \xC3\x28 bytes")},
                                {"community", unit("guangyi-jiayuan")}},
                               {});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeals"), before);
  // The same assisting unit twice (as 5 and 05) is one unit, not an error.
  auto id = submit(*resident, "garbage", "垃圾");
  auto u = unit("guangyi-jiayuan");
  EXPECT_EQ(as("street_officer")
                ->post("/appeals/" + std::to_string(id) + "/dispatch",
                       {{"lead", unit("dept-urban")}, {"assist", u}, {"assist", "0" + u}})
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeal_units WHERE appeal_id = " + std::to_string(id)), 2);
}

TEST_P(Appeals, KpiBoardExportAndSettings) {
  auto admin = as("district_admin");
  auto kpi_page = admin->get("/kpi/appeals?month=2026-09");
  EXPECT_EQ(kpi_page.status, 200);
  EXPECT_NE(kpi_page.body.find("城管局"), std::string::npos);
  EXPECT_EQ(
      admin
          ->post(
              "/kpi/appeals/weights",
              {{"response", "0.5"}, {"resolution", "0.5"}, {"satisfaction", "0.5"}, {"basic", "1"}})
          .status,
      422);
  EXPECT_EQ(admin
                ->post("/kpi/appeals/weights", {{"response", "0.2"},
                                                {"resolution", "0.4"},
                                                {"satisfaction", "0.4"},
                                                {"basic", "0.8"}})
                .status,
            303);
  auto lease = p().db->lease();
  EXPECT_DOUBLE_EQ(appeals::load_weights(lease).basic_counts_as, 0.8);
  // The public board: numbers, categories and replies, never the resident's words.
  Client anonymous(p());
  auto board = anonymous.get("/board");
  EXPECT_EQ(board.status, 200);
  EXPECT_EQ(board.body.find("顶楼住户"), std::string::npos);
  EXPECT_EQ(board.body.find("1390000"), std::string::npos);
  EXPECT_NE(board.body.find("SL"), std::string::npos);
  auto xlsx = admin->get("/exports/appeals/appeal-ledger-xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  // Administration: a holiday moves deadlines, bad input changes nothing.
  EXPECT_EQ(
      admin->post("/admin/appeals/calendar", {{"day", "2026-02-30"}, {"kind", "holiday"}}).status,
      422);
  EXPECT_EQ(admin
                ->post("/admin/appeals/calendar",
                       {{"day", "2026-09-22"}, {"kind", "holiday"}, {"name", "测试"}})
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM holidays WHERE day = '2026-09-22'"), 1);
  EXPECT_EQ(admin
                ->post("/admin/appeals/categories/" + category("noise"),
                       {{"response_hours", "0"}, {"resolve_days", "5"}})
                .status,
            422);
  EXPECT_EQ(
      admin
          ->post("/admin/appeals/points",
                 {{"code", "Bad Code"}, {"name", "x"}, {"community", unit("guangyi-jiayuan")}})
          .status,
      422);
  EXPECT_EQ(admin
                ->post("/admin/appeals/points", {{"code", "guangyi-jiayuan-hall"},
                                                 {"name", "x"},
                                                 {"community", unit("guangyi-jiayuan")}})
                .status,
            409);
  auto qr = admin->get("/admin/appeals/points/guangyi-jiayuan-hall/qr.svg");
  EXPECT_EQ(qr.status, 200);
  EXPECT_TRUE(qr.body.starts_with("<svg"));
  // A QR code opens the form for its place.
  EXPECT_EQ(anonymous.get("/qr/guangyi-jiayuan-hall").header("Location"),
            "/appeals/new?point=guangyi-jiayuan-hall");
  auto form = as("resident")->get("/appeals/new?point=guangyi-jiayuan-hall");
  EXPECT_NE(form.body.find("广益佳苑社区党群服务中心"), std::string::npos);
  EXPECT_NE(form.body.find("name=\"via_point\""), std::string::npos);
}
}  // namespace

SILIAN_ON_BOTH_ENGINES(Appeals);
