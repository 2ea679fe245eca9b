#include "silian/platform/audit/audit_log.hpp"
#include "support/engine_param.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
class Registration : public test::OnEachEngine {
 protected:
  void SetUp() override {
    tp = std::make_unique<TestPlatform>(GetParam());
    test::add_minimal_tree(**tp);
    test::add_account(**tp, "worker", "community_worker", "c");
    test::add_account(**tp, "other_worker", "community_worker", "c2");
  }
  std::unique_ptr<TestPlatform> tp;
  Platform& p() { return **tp; }
  long long count(const std::string& sql) { return test::count(p(), sql); }
  std::vector<std::pair<std::string, std::string>> good_form() {
    return {{"display_name", "王建国"}, {"username", "wangjg"}, {"password", "long-enough-1"},
            {"phone", "13912345678"},   {"community", "c"},     {"address", "广益路1号1单元101室"}};
  }
  long long resident_id() { return count("SELECT id FROM residents WHERE name = '王建国'"); }
};
}  // namespace

TEST_P(Registration, BadInputIsExplainedNextToTheFieldAndChangesNothing) {
  Client c(p());
  auto form = good_form();
  form[3].second = "12345";    // phone
  form[4].second = "nowhere";  // community
  auto before_accounts = count("SELECT COUNT(*) FROM accounts");
  auto before_audit = count("SELECT COUNT(*) FROM audit_entries");
  auto r = c.post("/register", form);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("请输入 11 位手机号码"), std::string::npos);
  EXPECT_NE(r.body.find("请选择列表中的社区"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"王建国\""), std::string::npos)
      << "the form must keep what was typed";
  EXPECT_EQ(r.body.find("long-enough-1"), std::string::npos) << "passwords are never echoed";
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), before_accounts);
  EXPECT_EQ(count("SELECT COUNT(*) FROM residents"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), before_audit);
}

TEST_P(Registration, TakenUsernameIsRefused) {
  Client c(p());
  auto form = good_form();
  form[1].second = "worker";
  auto r = c.post("/register", form);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("该用户名已被使用"), std::string::npos);
}

TEST_P(Registration, WorkerConfirmsTheHouseholdAndTheResidentIsNotified) {
  Client resident(p());
  auto r = resident.post("/register", good_form());
  ASSERT_EQ(r.status, 303) << r.body;
  // The phone is stored encrypted, never in clear.
  EXPECT_EQ(count("SELECT COUNT(*) FROM residents WHERE phone_sealed LIKE '%13912345678%'"), 0);
  ASSERT_TRUE(resident.login("wangjg", "long-enough-1"));
  EXPECT_NE(resident.get("/my/household").body.find("待核实"), std::string::npos);
  EXPECT_EQ(resident.get("/workbench").status, 303);  // residents have no workbench

  Client worker(p());
  ASSERT_TRUE(worker.login("worker", "password-123"));
  auto list = worker.get("/community/registrations");
  EXPECT_NE(list.body.find("王建国"), std::string::npos);
  EXPECT_NE(list.body.find("139****5678"), std::string::npos) << "staff see the phone masked";
  EXPECT_EQ(list.body.find("13912345678"), std::string::npos);
  auto workbench = worker.get("/workbench");
  EXPECT_NE(workbench.body.find("待核实注册"), std::string::npos);

  auto id = std::to_string(resident_id());
  auto verify = worker.post("/community/registrations/" + id + "/verify",
                            {{"address", "广益路1号1单元101室"}});
  EXPECT_EQ(verify.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM households WHERE address = '广益路1号1单元101室'"), 1);
  EXPECT_EQ(
      count(
          "SELECT COUNT(*) FROM residents WHERE status = 'verified' AND household_id IS NOT NULL"),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments r JOIN accounts a ON a.id = r.account_id "
                  "WHERE a.username = 'wangjg' AND r.role = 'resident'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'org.resident.verify'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'notify.deliver'"), 1);

  auto inbox = resident.get("/inbox");
  EXPECT_NE(inbox.body.find("您的家庭户已核实：广益路1号1单元101室"), std::string::npos);
  EXPECT_NE(resident.get("/my/household").body.find("已核实"), std::string::npos);
  // Deciding twice is refused and changes nothing.
  auto again = worker.post("/community/registrations/" + id + "/reject", {{"reason", "重复"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM residents WHERE status = 'verified'"), 1);
}

TEST_P(Registration, ASecondResidentJoinsTheExistingHousehold) {
  Client a(p()), b(p());
  ASSERT_EQ(a.post("/register", good_form()).status, 303);
  auto form = good_form();
  form[0].second = "李秀英";
  form[1].second = "lixy";
  ASSERT_EQ(b.post("/register", form).status, 303);
  Client worker(p());
  ASSERT_TRUE(worker.login("worker", "password-123"));
  auto lease = p().db->lease();
  std::vector<long long> ids(2);
  lease.session() << "SELECT id FROM residents ORDER BY id", soci::into(ids);
  for (auto id : ids)
    EXPECT_EQ(worker
                  .post("/community/registrations/" + std::to_string(id) + "/verify",
                        {{"address", "广益路1号1单元101室"}})
                  .status,
              303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM households"), 1);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT household_id) FROM residents"), 1);
}

TEST_P(Registration, WorkersCanOnlyDecideInTheirOwnCommunity) {
  Client resident(p());
  ASSERT_EQ(resident.post("/register", good_form()).status, 303);
  Client outsider(p());
  ASSERT_TRUE(outsider.login("other_worker", "password-123"));
  EXPECT_EQ(outsider.get("/community/registrations").body.find("王建国"), std::string::npos);
  auto id = std::to_string(resident_id());
  EXPECT_EQ(outsider.post("/community/registrations/" + id + "/verify", {{"address", "x"}}).status,
            404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM residents WHERE status = 'pending'"), 1);
}

TEST_P(Registration, RejectionNeedsAReasonAndNotifies) {
  Client resident(p());
  ASSERT_EQ(resident.post("/register", good_form()).status, 303);
  Client worker(p());
  ASSERT_TRUE(worker.login("worker", "password-123"));
  auto id = std::to_string(resident_id());
  EXPECT_EQ(worker.post("/community/registrations/" + id + "/reject", {{"reason", ""}}).status,
            422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM residents WHERE status = 'pending'"), 1);
  EXPECT_EQ(
      worker.post("/community/registrations/" + id + "/reject", {{"reason", "地址不在本社区"}})
          .status,
      303);
  ASSERT_TRUE(resident.login("wangjg", "long-enough-1"));
  EXPECT_NE(resident.get("/inbox").body.find("地址不在本社区"), std::string::npos);
}

SILIAN_ON_BOTH_ENGINES(Registration);
