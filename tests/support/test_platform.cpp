#include "support/test_platform.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "silian/app/modules.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/http/dispatcher.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"

namespace silian::test {
std::string temp_dir() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("silian-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

const char* engine_name(db::Engine engine) {
  return engine == db::Engine::sqlite ? "SQLite" : "PostgreSQL";
}

std::string fresh_db_url(db::Engine engine) {
  if (engine == db::Engine::sqlite) return "sqlite:" + temp_dir() + "/silian.db";
  const char* base = std::getenv("SILIAN_TEST_PG_URL");
  if (base == nullptr || *base == '\0')
    throw std::runtime_error(
        "SILIAN_TEST_PG_URL is not set: PostgreSQL tests need the server that "
        "scripts/run-tests.sh starts");
  static std::atomic<int> counter{0};
  std::mt19937 rng(std::random_device{}());
  std::string name = "silian_t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
                     std::to_string(rng() % 100000);
  {
    soci::session admin(*soci::factory_postgresql(), db::DbUrl::parse(base)->libpq_keywords());
    admin << "CREATE DATABASE " + name;
  }
  std::string url(base);
  auto slash = url.rfind('/');
  return url.substr(0, slash + 1) + name;
}

TestPlatform::TestPlatform(db::Engine engine, bool with_modules)
    : TestPlatform(fresh_db_url(engine), "", with_modules) {}

TestPlatform::TestPlatform(const std::string& db_url, const std::string& secret_file,
                           bool with_modules)
    : dir(temp_dir()) {
  crypto::init();
  spdlog::set_level(spdlog::level::warn);  // request lines would drown the test output
  Config c;
  c.db_url = db_url;
  c.secret_file = secret_file.empty() ? dir + "/secret.key" : secret_file;
  c.threads = 4;
  c.password_cost = crypto::PasswordCost::minimal;
  c.node_name = "test";
  platform =
      std::make_unique<Platform>(c, clock, with_modules ? app::modules() : std::vector<Module>{});
  platform->migrate();
}

http::Response Client::send(http::Request r) {
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) r.headers["cookie"] = cookie;
  r.remote_ip = remote_ip;
  auto response = http::dispatch(platform_, r);
  for (const auto& [name, value] : response.headers) {
    if (name != "Set-Cookie") continue;
    auto eq = value.find('=');
    auto semi = value.find(';');
    std::string cname = value.substr(0, eq);
    std::string cvalue = value.substr(eq + 1, semi - eq - 1);
    if (value.find("Max-Age=0") != std::string::npos)
      cookies_.erase(cname);
    else
      cookies_[cname] = cvalue;
  }
  return response;
}

http::Response Client::get(const std::string& target,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  http::Request r;
  r.method = "GET";
  auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  for (const auto& [k, v] : headers) r.headers[k] = v;
  return send(r);
}

http::Response Client::post(const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& fields,
                            bool with_csrf) {
  if (with_csrf && !cookies_.contains("csrf")) get("/login");
  http::Request r;
  r.method = "POST";
  r.path = path;
  r.headers["content-type"] = "application/x-www-form-urlencoded";
  std::string body;
  auto add = [&body](const std::string& k, const std::string& v) {
    body += (body.empty() ? "" : "&") + http::url_encode(k) + "=" + http::url_encode(v);
  };
  if (with_csrf) add("_csrf", cookies_["csrf"]);
  for (const auto& [k, v] : fields) add(k, v);
  r.body = body;
  return send(r);
}

http::Response Client::post_multipart(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
    const std::vector<File>& files) {
  if (!cookies_.contains("csrf")) get("/login");
  const std::string boundary = "----silianTestBoundary7MA4YWxk";
  std::string body;
  auto field = [&](const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  };
  field("_csrf", cookies_["csrf"]);
  for (const auto& [k, v] : fields) field(k, v);
  for (const auto& f : files)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field +
            "\"; filename=\"" + f.filename + "\"\r\nContent-Type: " + f.content_type + "\r\n\r\n" +
            f.data + "\r\n";
  body += "--" + boundary + "--\r\n";
  http::Request r;
  r.method = "POST";
  r.path = path;
  r.headers["content-type"] = "multipart/form-data; boundary=" + boundary;
  r.body = body;
  return send(r);
}

bool Client::login(const std::string& username, const std::string& password) {
  auto r = post("/login", {{"username", username}, {"password", password}});
  return r.status == 303 && cookies_.contains("sid");
}

std::string Client::cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

long long count(Platform& p, const std::string& sql) {
  auto lease = p.db->lease();
  long long n = 0;
  lease.session() << sql, soci::into(n);
  return n;
}

std::int64_t add_account(Platform& p, const std::string& username, const std::string& role,
                         const std::string& unit_code, const std::string& password) {
  auto lease = p.db->lease();
  auto unit = org::find_unit_by_code(lease, unit_code);
  if (!unit) throw std::runtime_error("no unit " + unit_code);
  db::Transaction tx(lease);
  auto id = auth::insert_account(
      lease, {0, username, username, crypto::hash_password(password, crypto::PasswordCost::minimal),
              "active", p.clock.now()});
  auth::assign_role(lease, id, role, unit->id, 0, p.clock.now());
  tx.commit();
  return id;
}

void add_minimal_tree(Platform& p) {
  auto lease = p.db->lease();
  db::Transaction tx(lease);
  auto now = p.clock.now();
  org::OrgUnit d{0, 0, "district", "d", "测试区", "", "", true};
  org::insert_unit(lease, d, now);
  org::OrgUnit s{0, d.id, "street", "s", "测试街道", "", "", true};
  org::insert_unit(lease, s, now);
  org::OrgUnit s2{0, d.id, "street", "s2", "另一街道", "", "", true};
  org::insert_unit(lease, s2, now);
  org::OrgUnit c{0, s.id, "community", "c", "广益佳苑社区", "", "", true};
  org::insert_unit(lease, c, now);
  org::OrgUnit c2{0, s2.id, "community", "c2", "通江社区", "", "", true};
  org::insert_unit(lease, c2, now);
  org::OrgUnit g{0, c.id, "grid", "g", "第一网格", "", "", true};
  org::insert_unit(lease, g, now);
  org::OrgUnit dep{0, d.id, "department", "dep", "区城管局", "", "", true};
  org::insert_unit(lease, dep, now);
  org::OrgUnit so{0, c.id, "social_organization", "so", "邻里互助社", "", "", true};
  org::insert_unit(lease, so, now);
  tx.commit();
}
}  // namespace silian::test
