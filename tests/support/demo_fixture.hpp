#pragma once
// A test suite on the demo district, once on each engine, with the helpers every module's
// HTTP tests use: the platform, a single-number query, a unit's id by code, and a client
// signed in as a demo account.
#include <memory>
#include <string>

#include "silian/platform/core/demo.hpp"
#include "support/engine_param.hpp"

namespace silian::test {
inline constexpr const char* k_demo_password = "Silian-demo-2026";

class OnTheDemo : public OnEachEngine {
 protected:
  void SetUp() override {
    tp = std::make_unique<TestPlatform>(GetParam());
    ASSERT_TRUE(core::load_demo(**tp));
  }
  std::unique_ptr<TestPlatform> tp;
  Platform& p() { return **tp; }
  long long count(const std::string& sql) { return test::count(p(), sql); }
  std::string id_of(const std::string& table, const std::string& code) {
    return std::to_string(count("SELECT id FROM " + table + " WHERE code = '" + code + "'"));
  }
  std::string unit(const std::string& code) { return id_of("org_units", code); }
  std::unique_ptr<Client> as(const std::string& user, const std::string& pw = k_demo_password) {
    auto c = std::make_unique<Client>(p());
    EXPECT_TRUE(c->login(user, pw)) << user;
    return c;
  }
};
}  // namespace silian::test
