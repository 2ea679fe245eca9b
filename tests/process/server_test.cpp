// Real `silian serve` processes over TCP: health, crash safety, and two nodes that
// behave as one site against one PostgreSQL database.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "process/process_support.hpp"
#include "silian/platform/http/url.hpp"
#include "support/test_platform.hpp"

using namespace silian::test;

namespace {
// Signs in through the real form and returns the Cookie header to send afterwards.
std::string sign_in(int port, const std::string& user, const std::string& password) {
  auto form = http_request(port, "GET", "/login");
  auto csrf = cookie_value(form, "csrf");
  auto body =
      "_csrf=" + csrf + "&username=" + user + "&password=" + silian::http::url_encode(password);
  auto r = http_request(port, "POST", "/login", body, {{"Cookie", "csrf=" + csrf}});
  EXPECT_EQ(r.status, 303) << r.body;
  return "csrf=" + csrf + "; sid=" + cookie_value(r, "sid");
}

long long count(const std::string& url, const std::string& sql) {
  silian::db::Database raw(*silian::db::DbUrl::parse(url), 1);
  auto lease = raw.lease();
  long long n = 0;
  lease.session() << sql, soci::into(n);
  return n;
}
}  // namespace

TEST(Server, HealthzAnswersOnceServing) {
  auto dir = temp_dir();
  ServerProcess server("sqlite:" + dir + "/silian.db", site_env(dir));
  auto r = http_request(server.port(), "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-type"].find("application/json"), std::string::npos);
  EXPECT_NE(r.body.find("\"status\":\"ok\""), std::string::npos);
  auto page = http_request(server.port(), "GET", "/", "", {{"Accept-Language", "en"}});
  EXPECT_NE(page.body.find("<html lang=\"en\">"), std::string::npos);
}

TEST(Server, ARegistrationThatGotASuccessAnswerSurvivesKillNine) {
  auto [dir, db, env] = demo_site();
  ServerProcess server(db, env);
  auto form = http_request(server.port(), "GET", "/register");
  auto csrf = cookie_value(form, "csrf");
  std::string body = "_csrf=" + csrf + "&display_name=" + silian::http::url_encode("赵四") +
                     "&username=zhaosi&password=long-enough-1&phone=13700001111&community=guangyi-"
                     "jiayuan&address=" +
                     silian::http::url_encode("广益路2号1单元101室");
  auto r = http_request(server.port(), "POST", "/register", body, {{"Cookie", "csrf=" + csrf}});
  ASSERT_EQ(r.status, 303) << r.body;
  server.kill_hard();
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM accounts WHERE username = 'zhaosi'"), 1);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM residents WHERE name = '赵四' AND status = 'pending'"),
            1);
  EXPECT_EQ(run_silian({"audit", "verify", "--db", db}, env).exit_code, 0);
}

TEST(Server, AnAppealThatGotASuccessAnswerSurvivesKillNine) {
  auto [dir, db, env] = demo_site();
  ServerProcess server(db, env);
  auto cookies = sign_in(server.port(), "resident", "Silian-demo-2026");
  auto csrf = cookies.substr(5, cookies.find(';') - 5);
  auto category = count(db, "SELECT id FROM appeal_categories WHERE code = 'noise'");
  auto community = count(db, "SELECT id FROM org_units WHERE code = 'guangyi-jiayuan'");
  std::string body = "_csrf=" + csrf + "&category=" + std::to_string(category) +
                     "&community=" + std::to_string(community) +
                     "&description=" + silian::http::url_encode("深夜广场舞音响扰民");
  auto r = http_request(server.port(), "POST", "/appeals", body, {{"Cookie", cookies}});
  ASSERT_EQ(r.status, 303) << r.body;
  server.kill_hard();
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM appeals WHERE description = '深夜广场舞音响扰民'"), 1);
  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM appeal_events e JOIN appeals a ON a.id = "
                  "e.appeal_id WHERE a.description = '深夜广场舞音响扰民'"),
            1);
  EXPECT_EQ(run_silian({"audit", "verify", "--db", db}, env).exit_code, 0);
}

TEST(Server, TwoNodesOnOnePostgresqlDatabaseBehaveAsOneSite) {
  auto dir = temp_dir();
  auto env = site_env(dir);
  auto db = fresh_db_url(silian::db::Engine::postgresql);
  ASSERT_EQ(run_silian({"demo", "--db", db}, env).exit_code, 0);
  ServerProcess a(db, env), b(db, env);

  // A sign-in on one node is valid on the other.
  auto cookies = sign_in(a.port(), "district_admin", "Silian-demo-2026");
  auto on_b = http_request(b.port(), "GET", "/workbench", "", {{"Cookie", cookies}});
  EXPECT_EQ(on_b.status, 200);
  EXPECT_NE(on_b.body.find("区级管理员"), std::string::npos);
  // A form rendered by one node is accepted by the other (CSRF lives in the client).
  auto logout =
      http_request(b.port(), "POST", "/logout", "_csrf=" + cookies.substr(5, cookies.find(';') - 5),
                   {{"Cookie", cookies}});
  EXPECT_EQ(logout.status, 303);
  EXPECT_EQ(http_request(a.port(), "GET", "/workbench", "", {{"Cookie", cookies}}).status, 303);

  // Due jobs: both nodes tick every second; each job runs exactly once.
  {
    silian::db::Database raw(*silian::db::DbUrl::parse(db), 1);
    auto lease = raw.lease();
    for (int i = 0; i < 40; ++i)
      lease.session()
          << "INSERT INTO jobs (kind, payload, run_at) VALUES ('notify.deliver', :p, 0)",
          soci::use(std::string("{\"job\":" + std::to_string(i) + "}"));
  }
  // Only these 40: the demo also queues appeal deadlines that fall due later.
  const std::string mine = " AND payload LIKE '{\"job\":%'";
  for (int i = 0;
       i < 100 && count(db, "SELECT COUNT(*) FROM jobs WHERE status <> 'done'" + mine) > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM jobs WHERE status = 'done' AND attempts = 1" + mine),
            40);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM jobs WHERE attempts <> 1" + mine), 0);
}
