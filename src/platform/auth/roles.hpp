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
}  // namespace silian::auth
