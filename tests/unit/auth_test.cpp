#include <gtest/gtest.h>

#include "silian/platform/auth/permissions.hpp"
#include "silian/platform/auth/roles.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/crypto/vault.hpp"

using namespace silian;

namespace {
auth::Principal with_role(const std::string& role, const std::string& path) {
  auth::Principal p;
  p.account_id = 7;
  p.roles.push_back({1, role, 3, path, "unit", "community"});
  return p;
}
}  // namespace

TEST(Permissions, DenyByDefault) {
  auth::PermissionRegistry reg;
  reg.declare({"org.units.manage", {"district_admin"}});
  auto admin = with_role("district_admin", "/1/");
  auto worker = with_role("community_worker", "/1/2/3/");
  EXPECT_EQ(reg.decide("org.units.manage", &admin), auth::Decision::allow);
  EXPECT_EQ(reg.decide("org.units.manage", &worker), auth::Decision::forbidden);
  EXPECT_EQ(reg.decide("org.units.manage", nullptr), auth::Decision::login_required);
  EXPECT_EQ(reg.decide("never.declared", &admin), auth::Decision::forbidden);
  EXPECT_EQ(reg.decide("public", nullptr), auth::Decision::allow);
  EXPECT_EQ(reg.decide("authenticated", nullptr), auth::Decision::login_required);
  EXPECT_EQ(reg.decide("authenticated", &worker), auth::Decision::allow);
}

TEST(Permissions, RejectsUnknownRolesAndDuplicates) {
  auth::PermissionRegistry reg;
  EXPECT_THROW(reg.declare({"x", {"superuser"}}), std::logic_error);
  reg.declare({"x", {"auditor"}});
  EXPECT_THROW(reg.declare({"x", {"auditor"}}), std::logic_error);
  EXPECT_THROW(reg.declare({"public", {"auditor"}}), std::logic_error);
}

TEST(Principal, ScopeCoversSubtreeOnly) {
  auto street = with_role("street_officer", "/1/2/");
  EXPECT_TRUE(street.covers("/1/2/5/", {"street_officer"}));
  EXPECT_TRUE(street.covers("/1/2/", {"street_officer"}));
  EXPECT_FALSE(street.covers("/1/3/7/", {"street_officer"}));
  EXPECT_FALSE(street.covers("/1/2/5/", {"community_worker"}));
  // "/1/2/" must not cover "/1/22/": paths end with a slash for this reason.
  EXPECT_FALSE(street.covers("/1/22/", {"street_officer"}));
}

TEST(Roles, FifteenRolesAndStaffSplit) {
  EXPECT_EQ(auth::k_roles.size(), 15u);
  EXPECT_TRUE(auth::is_staff_role("community_worker"));
  EXPECT_FALSE(auth::is_staff_role("resident"));
  EXPECT_FALSE(auth::is_staff_role("volunteer"));
  EXPECT_FALSE(auth::is_role("root"));
}

TEST(Crypto, Argon2idHashesVerifyAndDiffer) {
  crypto::init();
  auto h1 = crypto::hash_password("correct horse", crypto::PasswordCost::minimal);
  auto h2 = crypto::hash_password("correct horse", crypto::PasswordCost::minimal);
  EXPECT_TRUE(h1.starts_with("$argon2id$"));
  EXPECT_NE(h1, h2);  // salted
  EXPECT_TRUE(crypto::verify_password("correct horse", h1));
  EXPECT_FALSE(crypto::verify_password("correct horsE", h1));
  EXPECT_FALSE(crypto::verify_password("anything", ""));
}

TEST(Crypto, TokensAreRandomAndUrlSafe) {
  crypto::init();
  auto a = crypto::random_token(), b = crypto::random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
}

TEST(Vault, SealsOpensAndDetectsTampering) {
  crypto::init();
  crypto::Vault vault(std::string(32, 'k'));
  auto sealed = vault.seal("13812345678");
  EXPECT_EQ(sealed.find("13812345678"), std::string::npos);
  EXPECT_NE(vault.seal("13812345678"), sealed);  // fresh nonce each time
  EXPECT_EQ(vault.open(sealed), "13812345678");
  auto raw = crypto::from_base64(sealed);
  raw[raw.size() - 1] ^= 1;
  EXPECT_FALSE(vault.open(crypto::to_base64(raw)).has_value());
  crypto::Vault other(std::string(32, 'x'));
  EXPECT_FALSE(other.open(sealed).has_value());
  EXPECT_EQ(vault.blind_index("13812345678"), vault.blind_index("13812345678"));
  EXPECT_NE(vault.blind_index("13812345678"), other.blind_index("13812345678"));
}

TEST(Masking, PhonesAndNames) {
  EXPECT_EQ(crypto::mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(crypto::mask_name("王小明"), "王**");
  EXPECT_EQ(crypto::mask_name("Li"), "L**");
  EXPECT_EQ(crypto::mask_phone("123"), "***");
}

TEST(Roles, EachRoleFitsItsKindOfUnit) {
  EXPECT_TRUE(auth::role_fits_unit("district_admin", "district"));
  EXPECT_FALSE(auth::role_fits_unit("district_admin", "street"));
  EXPECT_FALSE(auth::role_fits_unit("auditor", "community"));
  EXPECT_TRUE(auth::role_fits_unit("street_officer", "street"));
  EXPECT_FALSE(auth::role_fits_unit("street_officer", "community"));
  EXPECT_TRUE(auth::role_fits_unit("department_officer", "department"));
  EXPECT_TRUE(auth::role_fits_unit("grid_worker", "grid"));
  EXPECT_TRUE(auth::role_fits_unit("community_worker", "community"));
  EXPECT_TRUE(auth::role_fits_unit("social_org_member", "social_organization"));
  EXPECT_FALSE(auth::role_fits_unit("resident", "district"));
  for (auto role : auth::k_roles) {
    int fits = 0;
    for (auto kind : {"district", "street", "community", "grid", "department", "unit",
                      "property_company", "owners_committee", "social_organization"})
      fits += auth::role_fits_unit(role, kind);
    EXPECT_GE(fits, 1) << role << " fits no unit at all";
  }
}
