// The UI shell: languages, script conversion, elderly-friendly mode, error pages,
// security headers, health, metrics and request ids.
#include <atomic>
#include <thread>

#include "support/engine_param.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
class Shell : public test::OnEachEngine {
 protected:
  void SetUp() override {
    tp = std::make_unique<TestPlatform>(GetParam());
    test::add_minimal_tree(**tp);
  }
  std::unique_ptr<TestPlatform> tp;
  Platform& p() { return **tp; }
};
}  // namespace

TEST_P(Shell, LanguageDefaultsFromAcceptLanguageAndSwitchIsRemembered) {
  Client c(p());
  EXPECT_NE(c.get("/login").body.find("<html lang=\"zh-Hans\">"), std::string::npos);
  Client en(p());
  auto r = en.get("/login", {{"accept-language", "en-GB,en;q=0.8"}});
  EXPECT_NE(r.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(r.body.find("Sign in"), std::string::npos);
  auto sw = c.get("/prefs?lang=zh-Hant&back=/register");
  EXPECT_EQ(sw.status, 303);
  EXPECT_EQ(sw.header("Location"), "/register");
  auto page = c.get("/register");
  EXPECT_NE(page.body.find("<html lang=\"zh-Hant\">"), std::string::npos);
  EXPECT_EQ(c.get("/prefs?lang=fr").status, 400);
  EXPECT_EQ(c.get("/prefs?lang=en&back=https://evil.example").header("Location"), "/");
  EXPECT_EQ(c.get("/prefs?lang=en&back=/%09/evil.example").header("Location"), "/");
}

TEST_P(Shell, UserContentFollowsTheReadersScript) {
  Client c(p());
  c.set_cookie("lang", "zh-Hant");
  auto page = c.get("/register");
  EXPECT_NE(page.body.find("廣益佳苑社區"), std::string::npos);
  c.set_cookie("lang", "zh-Hans");
  EXPECT_NE(c.get("/register").body.find("广益佳苑社区"), std::string::npos);
}

TEST_P(Shell, LargeTextModeIsOneRememberedSwitch) {
  Client c(p());
  EXPECT_EQ(c.get("/").body.find("class=\"large-text"), std::string::npos);
  c.get("/prefs?large=1&back=/");
  EXPECT_NE(c.get("/").body.find("class=\"large-text"), std::string::npos);
  EXPECT_NE(c.get("/login").body.find("class=\"large-text"), std::string::npos);
  c.get("/prefs?large=0&back=/");
  EXPECT_EQ(c.get("/").body.find("class=\"large-text"), std::string::npos);
}

TEST_P(Shell, ErrorPagesSpeakTheUsersLanguageOrJson) {
  Client c(p());
  auto zh = c.get("/no/such/page");
  EXPECT_EQ(zh.status, 404);
  EXPECT_NE(zh.body.find("找不到您要的页面或记录"), std::string::npos);
  c.set_cookie("lang", "en");
  EXPECT_NE(c.get("/no/such/page").body.find("does not exist"), std::string::npos);
  auto json = c.get("/no/such/page", {{"accept", "application/json"}});
  EXPECT_TRUE(json.content_type.starts_with("application/json"));
  EXPECT_NE(json.body.find("\"code\":404"), std::string::npos);
  EXPECT_EQ(c.post("/healthz", {}).status, 405);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(Shell, OutputIsEscaped) {
  test::add_account(p(), "admin", "district_admin", "d");
  Client admin(p());
  ASSERT_TRUE(admin.login("admin", "password-123"));
  admin.post("/admin/units", {{"parent", "1"},
                              {"kind", "department"},
                              {"code", "xss"},
                              {"name", "<script>alert(1)</script>"}});
  auto tree = admin.get("/admin/units");
  EXPECT_EQ(tree.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(tree.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_P(Shell, SecurityHeadersAndRequestIds) {
  Client c(p());
  auto r = c.get("/login");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_NE(r.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(r.header("X-Request-Id").empty());
  EXPECT_NE(c.get("/login").header("X-Request-Id"), r.header("X-Request-Id"));
  EXPECT_EQ(c.get("/login", {{"x-request-id", "trace-123"}}).header("X-Request-Id"), "trace-123");
  EXPECT_NE(c.get("/login", {{"x-request-id", "a status=200 forged"}}).header("X-Request-Id"),
            "a status=200 forged");
}

TEST_P(Shell, HealthAndMetrics) {
  Client c(p());
  auto h = c.get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_NE(h.body.find("\"status\":\"ok\""), std::string::npos);
  c.get("/login");
  auto m = c.get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(
      m.body.find("silian_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"}"),
      std::string::npos);
  EXPECT_NE(m.body.find("silian_http_request_duration_seconds_bucket{le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("silian_db_pool_size 4"), std::string::npos);
  Client remote(p());
  remote.remote_ip = "203.0.113.7";
  EXPECT_EQ(remote.get("/metrics").status, 403);
}

TEST_P(Shell, StaticFilesAndTraversal) {
  Client c(p());
  auto css = c.get("/static/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_TRUE(css.content_type.starts_with("text/css"));
  EXPECT_EQ(c.get("/static/..%2Fi18n%2Fen.json").status, 404);
}

TEST_P(Shell, WorkbenchFitsTheRole) {
  test::add_account(p(), "admin", "district_admin", "d");
  test::add_account(p(), "worker", "community_worker", "c");
  test::add_account(p(), "resident", "resident", "c");
  Client admin(p()), worker(p()), resident(p());
  ASSERT_TRUE(admin.login("admin", "password-123"));
  ASSERT_TRUE(worker.login("worker", "password-123"));
  ASSERT_TRUE(resident.login("resident", "password-123"));
  auto a = admin.get("/workbench").body;
  EXPECT_NE(a.find("href=\"/admin/accounts\""), std::string::npos);
  EXPECT_NE(a.find("区级管理员"), std::string::npos);
  auto w = worker.get("/workbench").body;
  EXPECT_EQ(w.find("href=\"/admin/accounts\""), std::string::npos);
  EXPECT_NE(w.find("href=\"/community/registrations\""), std::string::npos);
  EXPECT_NE(w.find("社区工作者"), std::string::npos);
  EXPECT_EQ(resident.get("/workbench").status, 303);
  EXPECT_EQ(resident.get("/").body.find("href=\"/workbench\""), std::string::npos);
}

TEST_P(Shell, ManyConcurrentRequestsNeverExhaustThePool) {
  // Handlers that re-render a form lease a session while holding one; with more
  // requests than pooled sessions this must not deadlock.
  std::vector<std::thread> threads;
  std::atomic<int> answered{0};
  for (int i = 0; i < 12; ++i)
    threads.emplace_back([&] {
      Client c(p());
      for (int k = 0; k < 3; ++k)
        if (c.post("/register", {{"username", "X"}, {"phone", "1"}}).status == 422) ++answered;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(answered.load(), 36);
}

SILIAN_ON_BOTH_ENGINES(Shell);
