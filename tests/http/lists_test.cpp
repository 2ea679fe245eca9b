// C1: the two lists, admission control, the burden catalogue, on the demo district.
#include "silian/modules/lists/api.hpp"
#include "silian/platform/core/demo.hpp"
#include "support/demo_fixture.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {

class Lists : public test::OnTheDemo {
 protected:
  std::vector<std::pair<std::string, std::string>> task(const std::string& item,
                                                        std::vector<std::string> communities = {
                                                            "guangyi-jiayuan"}) {
    std::vector<std::pair<std::string, std::string>> f{
        {"title", "违章搭建排查"},
        {"description", "协助排查辖区违章搭建并登记"},
        {"due_on", "2027-06-30"},
        {"assistance_code", item}};
    for (const auto& c : communities) f.emplace_back("community", unit(c));
    return f;
  }
};
}  // namespace

TEST_P(Lists, PublishedListsVersionsAndDifferencesAreOpenToEveryone) {
  Client anyone(p());
  auto page = anyone.get("/lists/assistance");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("版本 2"), std::string::npos);
  EXPECT_NE(page.body.find("A17"), std::string::npos);
  EXPECT_EQ(anyone.get("/lists/assistance/v/1").status, 200);
  EXPECT_EQ(anyone.get("/lists/assistance/v/9").status, 404);
  EXPECT_EQ(anyone.get("/lists/social").status, 404);
  auto diff = anyone.get("/lists/assistance/diff?from=1&to=2");
  EXPECT_EQ(diff.status, 200);
  std::size_t added = 0;
  for (auto pos = diff.body.find("change-added"); pos != std::string::npos;
       pos = diff.body.find("change-added", pos + 1))
    ++added;
  EXPECT_EQ(added, 2u);
  EXPECT_NE(diff.body.find("change-changed"), std::string::npos);
  EXPECT_NE(diff.body.find("自本年度起标准提高20%</ins>"), std::string::npos)
      << "the new value is shown";
  EXPECT_EQ(anyone.get("/lists/assistance/diff?from=1&to=x").status, 400);
  EXPECT_NE(anyone.get("/lists/duty").body.find("《"), std::string::npos)
      << "duties cite their legal basis";
}

TEST_P(Lists, AdministratorDraftsAndPublishesANewVersion) {
  auto admin = as("district_admin");
  EXPECT_EQ(admin->post("/admin/lists/duty/draft/items", {{"code", "D99"}, {"title", "x"}}).status,
            422)
      << "no draft yet";
  EXPECT_EQ(admin->post("/admin/lists/duty/draft", {}).status, 303);
  EXPECT_EQ(admin->post("/admin/lists/duty/draft", {}).status, 409);
  auto before = count("SELECT COUNT(*) FROM list_items");
  EXPECT_EQ(admin->post("/admin/lists/assistance/draft", {}).status, 303);
  auto bad = admin->post("/admin/lists/assistance/draft/items",
                         {{"code", "A90"}, {"title", "社区团购登记"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("协助事项必须写明随任务拨付的经费"), std::string::npos);
  EXPECT_NE(bad.body.find("请选择责任部门"), std::string::npos);
  auto drafted = count("SELECT COUNT(*) FROM list_items");
  EXPECT_GT(drafted, before) << "a draft copies the current items";
  EXPECT_EQ(admin
                ->post("/admin/lists/assistance/draft/items", {{"code", "A90"},
                                                               {"title", "社区团购登记"},
                                                               {"department", unit("dept-market")},
                                                               {"funding", "每年定额1万元"}})
                .status,
            303);
  auto a02_place = count(
      "SELECT i.sort_order FROM list_items i JOIN list_versions v ON v.id = i.version_id WHERE "
      "v.status = 'draft' AND i.code = 'A02'");
  EXPECT_EQ(
      admin
          ->post("/admin/lists/assistance/draft/items", {{"code", "A02"},
                                                         {"title", "残疾人两项补贴初审（调整）"},
                                                         {"department", unit("dept-civil")},
                                                         {"funding", "每年定额2万元"}})
          .status,
      303);
  EXPECT_EQ(
      count(
          "SELECT i.sort_order FROM list_items i JOIN list_versions v ON v.id = i.version_id WHERE "
          "v.status = 'draft' AND i.code = 'A02'"),
      a02_place)
      << "a changed item keeps its place";
  EXPECT_EQ(admin->post("/admin/lists/assistance/draft/items/A01/delete", {}).status, 303);
  EXPECT_EQ(admin->post("/admin/lists/assistance/draft/publish", {{"note", "第三版"}}).status, 303);
  Client anyone(p());
  auto page = anyone.get("/lists/assistance");
  EXPECT_NE(page.body.find("版本 3"), std::string::npos);
  EXPECT_NE(page.body.find("社区团购登记"), std::string::npos);
  auto diff = anyone.get("/lists/assistance/diff?from=2&to=3");
  EXPECT_NE(diff.body.find("change-added"), std::string::npos);
  EXPECT_NE(diff.body.find("change-removed"), std::string::npos);
  EXPECT_EQ(anyone.get("/lists/assistance/v/2").status, 200) << "an earlier version stays readable";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'lists.version.publish'"), 1);
  auto lease = p().db->lease();
  EXPECT_FALSE(lists::find_published(lease, "assistance", "A01").has_value());
  EXPECT_EQ(lists::find_published(lease, "assistance", "A90")->funding, "每年定额1万元");
}

TEST_P(Lists, EachKindOfBadTaskIsRefusedWithItsReasonAndNothingIsStored) {
  auto dept = as("department_officer");  // 区城管局, items A17-A20
  struct Case {
    std::vector<std::pair<std::string, std::string>> form;
    std::string reason;
  };
  auto cancelled_ledger = std::to_string(
      count("SELECT MIN(id) FROM burden_items WHERE kind = 'ledger' AND status = 'cancelled'"));
  auto with_ledger = task("A17");
  with_ledger.emplace_back("burden", cancelled_ledger);
  std::vector<Case> cases{{task(""), "该任务没有引用任何协助政府工作事项"},
                          {task("A01"), "所引用的协助事项属于其他部门"},
                          {task("A99"), "所引用的协助事项不在现行公布的清单中"},
                          {with_ledger, "任务要求的台账或评比已在社区负担目录中取消"}};
  auto audit_before = count("SELECT COUNT(*) FROM audit_entries");
  for (const auto& c : cases) {
    auto r = dept->post("/tasks", c.form);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find(c.reason), std::string::npos) << c.reason;
    EXPECT_NE(r.body.find("本次申请没有保存"), std::string::npos);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_task_communities"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), audit_before);
  dept->set_cookie("lang", "en");
  EXPECT_NE(dept->post("/tasks", task("")).body.find("cites no assistance item"),
            std::string::npos);
  auto bad =
      dept->post("/tasks", {{"title", ""}, {"due_on", "2020-01-01"}, {"assistance_code", "A17"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks"), 0);
}

TEST_P(Lists, AnAdmittedTaskIsApprovedByItsStreetThenReachesTheCommunityWithFunding) {
  auto dept = as("department_officer");
  auto worker = as("community_worker");
  auto r = dept->post("/tasks", task("A17", {"guangyi-jiayuan", "guangrui"}));
  ASSERT_EQ(r.status, 303) << r.body;
  auto location = r.header("Location");
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks WHERE status = 'pending'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks t JOIN org_units u ON u.id = t.approval_unit_id "
                  "WHERE u.code = 'guangyi'"),
            1);
  EXPECT_EQ(worker->get("/community/tasks").body.find("违章搭建排查"), std::string::npos)
      << "communities see only approved tasks";
  auto street = as("street_officer");
  EXPECT_NE(street->get("/tasks").body.find("违章搭建排查"), std::string::npos);
  EXPECT_NE(street->get("/workbench").body.find("待审批任务"), std::string::npos);
  EXPECT_EQ(street->post(location + "/reject", {{"note", ""}}).status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks WHERE status = 'pending'"), 1);
  EXPECT_EQ(street->post(location + "/approve", {}).status, 303);
  EXPECT_EQ(street->post(location + "/approve", {}).status, 409);
  auto seen = worker->get("/community/tasks").body;
  EXPECT_NE(seen.find("违章搭建排查"), std::string::npos);
  EXPECT_NE(seen.find("元"), std::string::npos) << "the funding follows the task";
  EXPECT_NE(worker->get("/inbox").body.find("新的工作任务已准入"), std::string::npos);
  EXPECT_NE(dept->get("/inbox").body.find("您申请的工作任务已准入：违章搭建排查"),
            std::string::npos)
      << "the filing department hears the decision";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'lists.task.approved'"), 1);
}

TEST_P(Lists, ATaskAcrossStreetsGoesToTheDistrictAndOtherStreetsCannotDecide) {
  auto dept = as("department_officer");
  auto r = dept->post("/tasks", task("A18", {"guangyi-jiayuan", "tongjiang"}));
  ASSERT_EQ(r.status, 303);
  auto location = r.header("Location");
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks t JOIN org_units u ON u.id = t.approval_unit_id "
                  "WHERE u.kind = 'district'"),
            1);
  auto street = as("street_officer");
  EXPECT_EQ(street->get("/inbox").body.find("有工作任务待您审批"), std::string::npos)
      << "only the approving unit's officers are asked";
  auto admin_inbox = as("district_admin")->get("/inbox").body;
  EXPECT_NE(admin_inbox.find("有工作任务待您审批"), std::string::npos);
  EXPECT_EQ(street->get(location).status, 404);
  EXPECT_EQ(street->post(location + "/approve", {}).status, 404);
  auto admin = as("district_admin");
  EXPECT_EQ(admin->post(location + "/reject", {{"note", "与网格化巡查重复"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks WHERE status = 'rejected' AND decision_note = "
                  "'与网格化巡查重复'"),
            1);
}

TEST_P(Lists, TheBurdenCatalogueReproducesTheSeedAndRecordsDecisions) {
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM burden_items WHERE kind = 'evaluation' AND status = 'cancelled'"),
      43);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM burden_items WHERE kind = 'ledger' AND status = 'cancelled'"),
      67);
  EXPECT_EQ(count("SELECT COUNT(*) FROM burden_items WHERE status = 'merged'"), 5);
  Client anyone(p());
  auto page = anyone.get("/burden");
  EXPECT_NE(page.body.find("<td>43</td>"), std::string::npos);
  EXPECT_NE(page.body.find("<td>67</td>"), std::string::npos);
  auto ledgers = anyone.get("/burden?kind=ledger&status=merged").body;
  EXPECT_NE(ledgers.find("条目数 3"), std::string::npos);
  auto admin = as("district_admin");
  auto bad = admin->post("/admin/burden", {{"kind", "ledger"},
                                           {"code", "L900"},
                                           {"name", "社区垃圾分类台账"},
                                           {"status", "merged"},
                                           {"merged_into", "E001"},
                                           {"decided_on", "2026-11-01"},
                                           {"decision_document", "崇政办发〔2026〕1号"}});
  EXPECT_EQ(bad.status, 422) << "merging into a cancelled entry";
  EXPECT_EQ(admin
                ->post("/admin/burden", {{"kind", "ledger"},
                                         {"code", "L900"},
                                         {"name", "社区垃圾分类台账"},
                                         {"status", "cancelled"}})
                .status,
            422)
      << "a cancellation needs its document";
  EXPECT_EQ(admin
                ->post("/admin/burden", {{"kind", "ledger"},
                                         {"code", "L900"},
                                         {"name", "社区垃圾分类台账"},
                                         {"status", "retained"}})
                .status,
            303);
  auto id = std::to_string(count("SELECT id FROM burden_items WHERE code = 'L900'"));
  EXPECT_EQ(admin
                ->post("/admin/burden/" + id, {{"status", "cancelled"},
                                               {"decided_on", "2026-11-20"},
                                               {"decision_document", "崇政办发〔2026〕9号"}})
                .status,
            303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM burden_items WHERE kind = 'ledger' AND status = 'cancelled'"),
      68);
  EXPECT_NE(anyone.get("/burden").body.find("<th scope=\"row\">2026</th>"), std::string::npos)
      << "the reduction over time includes the new year";
}

TEST_P(Lists, CommunitiesReportOffListWorkAndGetAnAnswer) {
  auto worker = as("community_worker");
  EXPECT_EQ(worker->post("/community/burden-reports", {{"description", ""}}).status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM burden_reports"), 0);
  EXPECT_EQ(
      worker
          ->post("/community/burden-reports", {{"department", unit("dept-health")},
                                               {"description", "要求社区每周上报健身器材巡查台账"}})
          .status,
      303);
  auto admin = as("district_admin");
  EXPECT_NE(admin->get("/inbox").body.find("提交了一件负担举报"), std::string::npos);
  EXPECT_NE(admin->get("/workbench").body.find("待答复举报"), std::string::npos);
  auto id = std::to_string(count("SELECT id FROM burden_reports"));
  EXPECT_EQ(admin->post("/admin/burden-reports/" + id + "/answer", {{"answer", ""}}).status, 422);
  EXPECT_EQ(admin
                ->post("/admin/burden-reports/" + id + "/answer",
                       {{"answer", "已责成区卫健委停止该要求"}})
                .status,
            303);
  EXPECT_EQ(admin->post("/admin/burden-reports/" + id + "/answer", {{"answer", "again"}}).status,
            409);
  auto mine = worker->get("/community/burden-reports").body;
  EXPECT_NE(mine.find("已答复"), std::string::npos);
  EXPECT_NE(worker->get("/inbox").body.find("已责成区卫健委停止该要求"), std::string::npos);
  auto other = as("community_director");  // same community: sees it
  EXPECT_NE(other->get("/community/burden-reports").body.find("健身器材"), std::string::npos);
}

TEST_P(Lists, ListsAndTheCatalogueExportAsSpreadsheets) {
  auto worker = as("community_worker");
  auto xlsx = worker->get("/exports/lists/lists-xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK") << "an XLSX file is a zip archive";
  auto csv = worker->get("/exports/lists/burden-csv");
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF编号,类别,名称"));
  std::size_t lines = std::count(csv.body.begin(), csv.body.end(), '\n');
  EXPECT_EQ(static_cast<long long>(lines), count("SELECT COUNT(*) FROM burden_items") + 1);
  Client anonymous(p());
  EXPECT_EQ(anonymous.get("/exports/lists/burden-csv").status, 303);
}

TEST_P(Lists, ApprovalChecksAdmissionAgainAndRepeatedValuesCountOnce) {
  auto dept = as("department_officer");
  auto retained = std::to_string(
      count("SELECT MIN(id) FROM burden_items WHERE kind = 'ledger' AND status = 'retained'"));
  auto form = task("A19", {"guangyi-jiayuan", "guangyi-jiayuan"});
  form.emplace_back("burden", retained);
  form.emplace_back("burden", retained);
  auto r = dept->post("/tasks", form);
  ASSERT_EQ(r.status, 303) << "repeated values are taken once, not a server error";
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_task_communities"), 1);
  // While it waits, the district cancels the ledger it demands.
  auto admin = as("district_admin");
  EXPECT_EQ(admin
                ->post("/admin/burden/" + retained, {{"status", "cancelled"},
                                                     {"decided_on", "2026-11-01"},
                                                     {"decision_document", "崇政办发〔2026〕3号"}})
                .status,
            303);
  auto street = as("street_officer");
  auto refused = street->post(r.header("Location") + "/approve", {});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("任务要求的台账或评比已在社区负担目录中取消"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM work_tasks WHERE status = 'pending'"), 1);
}

SILIAN_ON_BOTH_ENGINES(Lists);
