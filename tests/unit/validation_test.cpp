#include <gtest/gtest.h>

#include "silian/modules/org/domain/validation.hpp"
#include "silian/platform/org/org_unit.hpp"

using namespace silian::org;

namespace {
bool has(const FieldErrors& errors, const std::string& field, const std::string& key) {
  for (const auto& e : errors)
    if (e.field == field && e.message_key == key) return true;
  return false;
}
RegistrationCommand good() {
  return {"wang.jg",     "王建国",          "long-enough",
          "13812345678", "guangyi-jiayuan", "广益路1号1单元101室"};
}
}  // namespace

TEST(Registration, AcceptsAWellFormedCommand) {
  EXPECT_TRUE(validate_registration(good()).empty());
}

TEST(Registration, NamesEachBadField) {
  auto c = good();
  c.username = "Wang Jianguo";
  c.password = "short";
  c.phone = "1381234567";
  c.display_name = "";
  c.address = std::string(121 * 3, 'a');
  auto errors = validate_registration(c);
  EXPECT_TRUE(has(errors, "username", "error_username_format"));
  EXPECT_TRUE(has(errors, "password", "error_password_short"));
  EXPECT_TRUE(has(errors, "phone", "error_phone_format"));
  EXPECT_TRUE(has(errors, "display_name", "error_required"));
  EXPECT_TRUE(has(errors, "address", "error_too_long"));
}

TEST(Registration, PhoneRules) {
  EXPECT_TRUE(valid_phone("13812345678"));
  EXPECT_TRUE(valid_phone("19912345678"));
  EXPECT_FALSE(valid_phone("12812345678"));
  EXPECT_FALSE(valid_phone("1381234567a"));
  EXPECT_FALSE(valid_phone("138123456789"));
}

TEST(Registration, LengthsCountCharactersNotBytes) {
  auto c = good();
  c.display_name = std::string();
  for (int i = 0; i < 40; ++i) c.display_name += "王";  // 120 bytes, 40 characters
  EXPECT_TRUE(validate_registration(c).empty());
  c.display_name += "王";
  EXPECT_TRUE(has(validate_registration(c), "display_name", "error_too_long"));
  EXPECT_EQ(utf8_length("广益路"), 3u);
}

TEST(Units, TreeShapeIsEnforced) {
  EXPECT_TRUE(may_contain("", "district"));
  EXPECT_TRUE(may_contain("district", "street"));
  EXPECT_TRUE(may_contain("district", "department"));
  EXPECT_TRUE(may_contain("street", "community"));
  EXPECT_TRUE(may_contain("community", "grid"));
  EXPECT_TRUE(may_contain("community", "property_company"));
  EXPECT_FALSE(may_contain("street", "grid"));
  EXPECT_FALSE(may_contain("district", "community"));
  EXPECT_FALSE(may_contain("grid", "grid"));
  EXPECT_FALSE(may_contain("district", "district"));
  auto errors = validate_unit({"street", "grid", "G1", "", ""});
  EXPECT_TRUE(has(errors, "parent", "error_unit_parent"));
  EXPECT_TRUE(has(errors, "code", "error_code_format"));
  EXPECT_TRUE(has(errors, "name", "error_required"));
  EXPECT_TRUE(validate_unit({"community", "grid", "g-1", "第一网格", ""}).empty());
}
