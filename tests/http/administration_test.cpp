#include "support/engine_param.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
class Administration : public test::OnEachEngine {
 protected:
  void SetUp() override {
    tp = std::make_unique<TestPlatform>(GetParam());
    test::add_minimal_tree(**tp);
    test::add_account(**tp, "admin", "district_admin", "d");
    admin = std::make_unique<Client>(**tp);
    ASSERT_TRUE(admin->login("admin", "password-123"));
  }
  std::unique_ptr<TestPlatform> tp;
  std::unique_ptr<Client> admin;
  long long count(const std::string& sql) { return test::count(**tp, sql); }
  std::string id_of(const std::string& code) {
    return std::to_string(count("SELECT id FROM org_units WHERE code = '" + code + "'"));
  }
};
}  // namespace

TEST_P(Administration, AddsAGridUnderACommunity) {
  auto r =
      admin->post("/admin/units",
                  {{"parent", id_of("c")}, {"kind", "grid"}, {"code", "g2"}, {"name", "第二网格"}});
  EXPECT_EQ(r.status, 303);
  auto tree = admin->get("/admin/units");
  EXPECT_NE(tree.body.find("第二网格"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'org.unit.create'"), 1);
}

TEST_P(Administration, RefusesAUnitInTheWrongPlaceOrWithATakenCode) {
  auto units = count("SELECT COUNT(*) FROM org_units");
  auto wrong = admin->post(
      "/admin/units", {{"parent", id_of("s")}, {"kind", "grid"}, {"code", "g9"}, {"name", "网格"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("该类型的单位不能设在所选上级单位之下"), std::string::npos);
  auto taken = admin->post(
      "/admin/units", {{"parent", id_of("c")}, {"kind", "grid"}, {"code", "so"}, {"name", "网格"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_NE(taken.body.find("该代码已被使用"), std::string::npos);
  auto no_parent = admin->post(
      "/admin/units", {{"parent", "abc"}, {"kind", "grid"}, {"code", "g8"}, {"name", "网格"}});
  EXPECT_EQ(no_parent.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_units"), units);
}

TEST_P(Administration, RenamesAndDeactivatesAUnit) {
  auto id = id_of("g");
  EXPECT_EQ(admin->post("/admin/units/" + id, {{"name", "一网格"}, {"address", "广益路"}}).status,
            303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM org_units WHERE code = 'g' AND name = '一网格' AND active = 0"),
      1);
  EXPECT_EQ(admin->post("/admin/units/" + id, {{"name", ""}, {"active", "1"}}).status, 422);
  EXPECT_EQ(admin->get("/admin/units/99999").status, 404);
}

TEST_P(Administration, CreatesAnAccountAssignsAndRevokesARole) {
  auto r = admin->post(
      "/admin/accounts",
      {{"username", "new.officer"}, {"display_name", "钱伟"}, {"password", "pass-word-9"}});
  ASSERT_EQ(r.status, 303);
  auto location = r.header("Location");
  auto id = location.substr(location.rfind('/') + 1);
  EXPECT_EQ(admin
                ->post("/admin/accounts/" + id + "/roles",
                       {{"role", "street_officer"}, {"unit", id_of("s")}})
                .status,
            303);
  auto dup = admin->post("/admin/accounts/" + id + "/roles",
                         {{"role", "street_officer"}, {"unit", id_of("s")}});
  EXPECT_EQ(dup.status, 422);
  auto bad =
      admin->post("/admin/accounts/" + id + "/roles", {{"role", "emperor"}, {"unit", id_of("s")}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments WHERE account_id = " + id), 1);

  Client officer(**tp);
  ASSERT_TRUE(officer.login("new.officer", "pass-word-9"));
  EXPECT_EQ(officer.get("/community/households").status, 200);

  auto rid = std::to_string(count("SELECT id FROM role_assignments WHERE account_id = " + id));
  EXPECT_EQ(admin->post("/admin/accounts/" + id + "/roles/" + rid + "/revoke", {}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments WHERE account_id = " + id), 0);
  EXPECT_EQ(officer.get("/community/households").status, 403)
      << "a revoked role takes effect at once";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action IN ('org.role.assign', "
                  "'org.role.revoke')"),
            2);
}

TEST_P(Administration, DisablingAnAccountEndsItsSessions) {
  auto id = std::to_string(test::add_account(**tp, "leaving", "grid_worker", "g"));
  Client leaving(**tp);
  ASSERT_TRUE(leaving.login("leaving", "password-123"));
  EXPECT_EQ(admin->post("/admin/accounts/" + id + "/status", {{"status", "disabled"}}).status, 303);
  EXPECT_EQ(leaving.get("/workbench").status, 303);
  auto self = std::to_string(count("SELECT id FROM accounts WHERE username = 'admin'"));
  EXPECT_EQ(admin->post("/admin/accounts/" + self + "/status", {{"status", "disabled"}}).status,
            400);
}

TEST_P(Administration, AccountListSearchesAndPages) {
  for (int i = 0; i < 25; ++i)
    test::add_account(**tp, "bulk" + std::to_string(i), "volunteer", "c");
  auto page1 = admin->get("/admin/accounts?q=bulk");
  EXPECT_NE(page1.body.find("25"), std::string::npos);
  EXPECT_NE(page1.body.find("1 / 2"), std::string::npos);
  auto page2 = admin->get("/admin/accounts?q=bulk&page=2");
  EXPECT_NE(page2.body.find("2 / 2"), std::string::npos);
  EXPECT_EQ(page2.body.find("href=\"/admin/accounts/1\""), std::string::npos)
      << "the search must filter";
  EXPECT_NE(page1.body.find("bulk0"), std::string::npos);
}

TEST_P(Administration, ExportsTheOrganisationAsCsv) {
  auto r = admin->get("/exports/org/units");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.content_type.starts_with("text/csv"));
  EXPECT_NE(r.body.find("\"广益佳苑社区\""), std::string::npos);
  EXPECT_NE(r.header("Content-Disposition").find("org-units.csv"), std::string::npos);
  EXPECT_EQ(admin->get("/exports/org/none").status, 404);
}

TEST_P(Administration, AuditPageReportsTampering) {
  admin->post("/admin/units",
              {{"parent", id_of("c")}, {"kind", "grid"}, {"code", "g2"}, {"name", "第二网格"}});
  EXPECT_NE(admin->get("/audit").body.find("审计链完整"), std::string::npos);
  {
    auto lease = (*tp)->db->lease();
    lease.session() << "UPDATE audit_entries SET actor_id = 99 WHERE seq = 1";
  }
  EXPECT_NE(admin->get("/audit").body.find("审计链已被破坏"), std::string::npos);
}

TEST_P(Administration, ARoleOnlyAtItsKindOfUnit) {
  auto r =
      admin->post("/admin/accounts",
                  {{"username", "narrow"}, {"display_name", "窄"}, {"password", "pass-word-9"}});
  auto id = r.header("Location").substr(r.header("Location").rfind('/') + 1);
  auto bad = admin->post("/admin/accounts/" + id + "/roles",
                         {{"role", "district_admin"}, {"unit", id_of("s")}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("该角色不能设在这类单位"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"district_admin\" selected"), std::string::npos)
      << "the form keeps the choice";
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_assignments WHERE account_id = " + id), 0);
}

TEST_P(Administration, GridWorkersSeeTheHouseholdsOfTheirGrid) {
  {
    auto lease = (*tp)->db->lease();
    long long community = std::stoll(id_of("c")), grid = std::stoll(id_of("g")),
              other = std::stoll(id_of("c2"));
    lease.session()
        << "INSERT INTO households (community_id, grid_id, address, created_at) VALUES (:c, :g, "
           "'网格内1号', 1)",
        soci::use(community), soci::use(grid);
    lease.session()
        << "INSERT INTO households (community_id, address, created_at) VALUES (:c, '网格外2号', 1)",
        soci::use(community);
    lease.session() << "INSERT INTO households (community_id, address, created_at) VALUES (:c, "
                       "'别的社区3号', 1)",
        soci::use(other);
  }
  test::add_account(**tp, "gw", "grid_worker", "g");
  Client gw(**tp);
  ASSERT_TRUE(gw.login("gw", "password-123"));
  auto page = gw.get("/community/households").body;
  EXPECT_NE(page.find("网格内1号"), std::string::npos);
  EXPECT_EQ(page.find("网格外2号"), std::string::npos);
  EXPECT_EQ(page.find("别的社区3号"), std::string::npos);
  EXPECT_EQ(admin->get("/community/households?q=%25").body.find("网格内1号"), std::string::npos)
      << "a typed % is taken literally";
  EXPECT_NE(admin->get("/community/households").body.find("别的社区3号"), std::string::npos);
}

SILIAN_ON_BOTH_ENGINES(Administration);
