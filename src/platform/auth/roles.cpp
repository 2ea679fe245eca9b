#include "silian/platform/auth/roles.hpp"

#include <algorithm>

namespace silian::auth {
bool is_role(std::string_view name) {
  return std::find(k_roles.begin(), k_roles.end(), name) != k_roles.end();
}

bool is_staff_role(std::string_view name) {
  return is_role(name) && name != "resident" && name != "volunteer";
}
bool role_fits_unit(std::string_view role, std::string_view kind) {
  auto any = [kind](std::initializer_list<std::string_view> kinds) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  };
  if (role == "district_admin" || role == "leader" || role == "auditor" || role == "evaluator")
    return kind == "district";
  if (role == "street_officer") return kind == "street";
  if (role == "department_officer") return kind == "department";
  if (role == "grid_worker") return kind == "grid";
  if (role == "social_org_member")
    return any({"social_organization", "unit", "property_company", "owners_committee"});
  if (role == "social_worker") return any({"community", "social_organization"});
  if (role == "volunteer") return any({"street", "community", "grid"});
  if (role == "resident" || role == "community_worker" || role == "community_director" ||
      role == "council_member" || role == "supervisor")
    return kind == "community";
  return false;
}
}  // namespace silian::auth
