#include "support/engine_param.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
class SignIn : public test::OnEachEngine {
 protected:
  void SetUp() override {
    tp = std::make_unique<TestPlatform>(GetParam());
    test::add_minimal_tree(**tp);
    test::add_account(**tp, "worker", "community_worker", "c");
  }
  std::unique_ptr<TestPlatform> tp;
  Platform& p() { return **tp; }
};

using test::count;
}  // namespace

TEST_P(SignIn, GoodPasswordOpensASessionWithSafeCookies) {
  Client c(p());
  auto r = c.post("/login", {{"username", "worker"}, {"password", "password-123"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/workbench");
  std::string sid_cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.starts_with("sid=")) sid_cookie = v;
  EXPECT_NE(sid_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(sid_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(sid_cookie.find("Secure"), std::string::npos);  // no TLS in this test
  EXPECT_EQ(c.get("/workbench").status, 200);
  EXPECT_EQ(
      count(p(), "SELECT COUNT(*) FROM audit_entries WHERE action = 'platform.session.login'"), 1);
}

TEST_P(SignIn, SecureCookiesUnderTls) {
  p().config.secure_cookies = true;
  Client c(p());
  auto r = c.post("/login", {{"username", "worker"}, {"password", "password-123"}});
  bool secure = false;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.starts_with("sid="))
      secure = v.find("; Secure") != std::string::npos;
  EXPECT_TRUE(secure);
}

TEST_P(SignIn, WrongPasswordSaysSoInTheUsersLanguageAndKeepsTheUsername) {
  Client c(p());
  c.set_cookie("lang", "en");
  auto r = c.post("/login", {{"username", "worker"}, {"password", "wrong-password"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("The username or password is not correct."), std::string::npos);
  EXPECT_NE(r.body.find("value=\"worker\""), std::string::npos);
  EXPECT_TRUE(c.cookie("sid").empty());
}

TEST_P(SignIn, ThrottlesRepeatedFailuresEvenWithTheRightPassword) {
  Client c(p());
  for (int i = 0; i < 5; ++i) c.post("/login", {{"username", "worker"}, {"password", "nope-nope"}});
  auto r = c.post("/login", {{"username", "worker"}, {"password", "password-123"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_NE(r.body.find("15"), std::string::npos);
  tp->clock.advance(16 * 60);
  EXPECT_TRUE(c.login("worker", "password-123"));
}

TEST_P(SignIn, ThrottleHoldsAcrossNodesBecauseItLivesInTheDatabase) {
  Client first(p());
  for (int i = 0; i < 5; ++i)
    first.post("/login", {{"username", "worker"}, {"password", "nope-nope"}});
  TestPlatform other(p().config.db_url, p().config.secret_file);
  other.clock.set(tp->clock.now());
  Client second(*other);  // the same address, another node
  EXPECT_EQ(second.post("/login", {{"username", "worker"}, {"password", "password-123"}}).status,
            429);
}

TEST_P(SignIn, FailuresFromOneAddressDoNotLockThePersonOutElsewhere) {
  Client attacker(p());
  attacker.remote_ip = "203.0.113.66";
  for (int i = 0; i < 6; ++i)
    attacker.post("/login", {{"username", "worker"}, {"password", "guess-guess"}});
  EXPECT_EQ(attacker.post("/login", {{"username", "worker"}, {"password", "password-123"}}).status,
            429);
  Client owner(p());
  owner.remote_ip = "198.51.100.7";
  EXPECT_TRUE(owner.login("worker", "password-123"));
}

TEST_P(SignIn, ClientAddressComesFromATrustedProxyOnly) {
  // /metrics answers the host itself, so it shows which address the server believes.
  p().config.trusted_proxies = {"10.0.0.2"};
  Client direct(p());
  direct.remote_ip = "127.0.0.1";
  EXPECT_EQ(direct.get("/metrics", {{"x-forwarded-for", "203.0.113.9"}}).status, 200)
      << "an untrusted peer's X-Forwarded-For is ignored";
  Client proxied(p());
  proxied.remote_ip = "10.0.0.2";
  EXPECT_EQ(proxied.get("/metrics", {{"x-forwarded-for", "203.0.113.9"}}).status, 403);
  EXPECT_EQ(proxied.get("/metrics", {{"x-forwarded-for", "203.0.113.9, 127.0.0.1"}}).status, 200);
}

TEST_P(SignIn, OverlongUsernamesAreRefusedWithoutStoringThem) {
  Client c(p());
  auto r = c.post("/login", {{"username", std::string(5000, 'a')}, {"password", "x"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(count(p(), "SELECT COUNT(*) FROM login_failures"), 0);
}

TEST_P(SignIn, FormsWithoutTheCsrfTokenAreRefused) {
  Client c(p());
  auto r = c.post("/login", {{"username", "worker"}, {"password", "password-123"}}, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(c.cookie("sid").empty());
  ASSERT_TRUE(c.login("worker", "password-123"));
  // A token that does not match the cookie is refused too, and nothing changes.
  c.set_cookie("csrf", std::string(43, 'A'));
  auto resp = c.post("/logout", {{"_csrf", std::string(43, 'B')}}, false);
  EXPECT_EQ(resp.status, 403);
  EXPECT_EQ(c.get("/workbench").status, 200);
}

TEST_P(SignIn, LogoutEndsTheSessionOnTheServer) {
  Client c(p());
  ASSERT_TRUE(c.login("worker", "password-123"));
  auto sid = c.cookie("sid");
  EXPECT_EQ(c.post("/logout", {}).status, 303);
  Client replay(p());
  replay.set_cookie("sid", sid);
  EXPECT_EQ(replay.get("/workbench").status, 303);  // back to sign-in
}

TEST_P(SignIn, DisabledAccountsCannotSignIn) {
  {
    auto lease = p().db->lease();
    lease.session() << "UPDATE accounts SET status = 'disabled' WHERE username = 'worker'";
  }
  Client c(p());
  EXPECT_FALSE(c.login("worker", "password-123"));
}

TEST_P(SignIn, NextParameterOnlyRedirectsLocally) {
  Client c(p());
  auto r =
      c.post("/login",
             {{"username", "worker"}, {"password", "password-123"}, {"next", "//evil.example/x"}});
  EXPECT_EQ(r.header("Location"), "/workbench");
  Client d(p());
  auto ok = d.post(
      "/login",
      {{"username", "worker"}, {"password", "password-123"}, {"next", "/community/registrations"}});
  EXPECT_EQ(ok.header("Location"), "/community/registrations");
}

TEST_P(SignIn, SessionIsValidOnAnotherNode) {
  Client c(p());
  ASSERT_TRUE(c.login("worker", "password-123"));
  TestPlatform other(p().config.db_url, p().config.secret_file);
  other.clock.set(tp->clock.now());
  Client elsewhere(*other);
  elsewhere.set_cookie("sid", c.cookie("sid"));
  EXPECT_EQ(elsewhere.get("/workbench").status, 200);
}

TEST_P(SignIn, ChangingThePasswordEndsOtherSessions) {
  Client laptop(p()), phone(p());
  ASSERT_TRUE(laptop.login("worker", "password-123"));
  ASSERT_TRUE(phone.login("worker", "password-123"));
  auto wrong = laptop.post("/me/password",
                           {{"current", "nope"}, {"password", "new-password-1"}, {"confirm", "x"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("当前密码不正确"), std::string::npos);
  EXPECT_NE(wrong.body.find("两次输入的新密码不一致"), std::string::npos);
  EXPECT_EQ(phone.get("/workbench").status, 200) << "a refused change changes nothing";
  auto ok = laptop.post(
      "/me/password",
      {{"current", "password-123"}, {"password", "new-password-1"}, {"confirm", "new-password-1"}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(laptop.get("/workbench").status, 200);
  EXPECT_EQ(phone.get("/workbench").status, 303);
  Client again(p());
  EXPECT_FALSE(again.login("worker", "password-123"));
  EXPECT_TRUE(again.login("worker", "new-password-1"));
  EXPECT_EQ(
      count(p(), "SELECT COUNT(*) FROM audit_entries WHERE action = 'platform.account.password'"),
      1);
}

SILIAN_ON_BOTH_ENGINES(SignIn);
