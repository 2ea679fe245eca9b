#pragma once
// Test fixtures: a Platform on a fresh database of either engine, with a fixed clock,
// fast password hashing and its own vault key. PostgreSQL comes from
// SILIAN_TEST_PG_URL, which scripts/run-tests.sh sets after starting its own server.
#include <memory>
#include <string>
#include <vector>

#include "silian/platform/clock.hpp"
#include "silian/platform/db/db_url.hpp"
#include "silian/platform/http/request.hpp"
#include "silian/platform/platform.hpp"

namespace silian::test {
inline constexpr std::int64_t k_t0 = 1790000000;  // 2026-09-21T14:13:20Z

std::string temp_dir();  // a new empty directory
// A fresh, empty database URL of the engine: a new SQLite file, or a new PostgreSQL
// database created on the test server.
std::string fresh_db_url(db::Engine engine);
const char* engine_name(db::Engine engine);

struct TestPlatform {
  explicit TestPlatform(db::Engine engine, bool with_modules = true);
  TestPlatform(const std::string& db_url, const std::string& secret_file, bool with_modules = true);
  FixedClock clock{k_t0};
  std::string dir;
  std::unique_ptr<Platform> platform;
  Platform& operator*() { return *platform; }
  Platform* operator->() { return platform.get(); }
};

// A browser-like client for in-process requests: keeps cookies, sends the CSRF token.
class Client {
 public:
  explicit Client(Platform& p) : platform_(p) {}
  http::Response get(const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  http::Response post(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      bool with_csrf = true);
  struct File {
    std::string field, filename, content_type, data;
  };
  // A multipart/form-data form, as a browser sends one with file inputs.
  http::Response post_multipart(const std::string& path,
                                const std::vector<std::pair<std::string, std::string>>& fields,
                                const std::vector<File>& files);
  bool login(const std::string& username, const std::string& password);
  std::string cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  std::string remote_ip = "127.0.0.1";

 private:
  http::Response send(http::Request r);
  Platform& platform_;
  std::map<std::string, std::string> cookies_;
};

// The single number a query returns (COUNT(*), an id...).
long long count(Platform& p, const std::string& sql);

// Creates an account with one role at the unit (by code), using fast hashing.
std::int64_t add_account(Platform& p, const std::string& username, const std::string& role,
                         const std::string& unit_code,
                         const std::string& password = "password-123");
// A minimal tree: district "d" > street "s" > community "c" > grid "g", department "dep".
void add_minimal_tree(Platform& p);
}  // namespace silian::test
