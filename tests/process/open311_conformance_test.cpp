// Open311 GeoReport v2 conformance against the real binary over TCP: the JSON Schemas of
// open311/schema-validation and XML parsed as common clients parse it, run by
// tests/conformance/open311_conformance.py (python3 + python3-jsonschema from Debian).
#include <gtest/gtest.h>

#include <filesystem>

#include "process/process_support.hpp"
#include "support/test_platform.hpp"

using namespace silian::test;

namespace {
// The schemas live beside the project (../shared/conformance/open311), or where
// SILIAN_OPEN311_SCHEMAS points.
std::string schema_dir() {
  if (const char* env = std::getenv("SILIAN_OPEN311_SCHEMAS")) return env;
  for (const auto& candidate :
       {std::filesystem::path(SILIAN_SOURCE_DIR) / ".." / "shared" / "conformance" / "open311",
        std::filesystem::path("/work/shared/conformance/open311")})
    if (std::filesystem::exists(candidate / "request.json")) return candidate.string();
  return "";
}

std::string key_from(const std::string& output) {
  auto pos = output.find("sk_");
  if (pos == std::string::npos) return "";
  return output.substr(pos, output.find_first_of("\r\n", pos) - pos);
}
}  // namespace

TEST(Open311Conformance, TheRealServerPassesTheConformanceSuite) {
  auto schemas = schema_dir();
  ASSERT_FALSE(schemas.empty()) << "Open311 JSON Schemas not found; set SILIAN_OPEN311_SCHEMAS";
  auto [dir, db, env] = demo_site();
  auto created = run_silian({"apikey", "create", "--name", "conformance", "--db", db}, env);
  ASSERT_EQ(created.exit_code, 0) << created.output;
  auto key = key_from(created.output);
  ASSERT_GE(key.size(), 20u) << created.output;
  EXPECT_EQ(run_silian({"apikey", "create", "--db", db}, env).exit_code == 0, false);
  ServerProcess server(db, env);
  auto command = std::string("/usr/bin/python3 ") + SILIAN_SOURCE_DIR +
                 "/tests/conformance/open311_conformance.py --base http://127.0.0.1:" +
                 std::to_string(server.port()) + "/open311/v2 --api-key " + key + " --schemas '" +
                 schemas + "'";
  auto result = run_command(command);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("OK"), std::string::npos) << result.output;
}
