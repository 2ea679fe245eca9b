#pragma once
// The roles of C0. An account holds roles, each scoped to one org unit; a role at a unit
// covers that unit's whole subtree (a street officer at a street sees its communities).
#include <array>
#include <string_view>

namespace silian::auth {
inline constexpr std::array<std::string_view, 15> k_roles = {
    "resident",       "grid_worker",       "community_worker", "community_director",
    "council_member", "supervisor",        "street_officer",   "department_officer",
    "leader",         "social_org_member", "social_worker",    "volunteer",
    "evaluator",      "district_admin",    "auditor"};

bool is_role(std::string_view name);
// Roles that use the staff workbench rather than only the resident portal.
bool is_staff_role(std::string_view name);
// Where a role may be held: district-wide roles only at the district, a street officer
// at a street, a department officer at a department, and so on. A role held at the
// wrong kind of unit would grant district-wide permissions with a narrow scope.
bool role_fits_unit(std::string_view role, std::string_view unit_kind);
}  // namespace silian::auth
