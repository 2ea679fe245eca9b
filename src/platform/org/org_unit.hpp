#pragma once
// The organisation tree (district -> street -> community -> grid) and the bodies beside
// it (departments, units, property companies, owners' committees, social organisations),
// all as org units so that a role can be scoped to any of them.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace silian::org {
inline constexpr std::array<std::string_view, 9> k_unit_kinds = {
    "district",         "street",           "community",          "grid", "department", "unit",
    "property_company", "owners_committee", "social_organization"};

struct OrgUnit {
  std::int64_t id = 0;
  std::int64_t parent_id = 0;  // 0 = root
  std::string kind;
  std::string code;
  std::string name;
  std::string address;
  std::string path;
  bool active = true;
};

bool is_unit_kind(std::string_view kind);
// Which kinds may sit under which: a grid only in a community, a community in a street...
bool may_contain(std::string_view parent_kind, std::string_view child_kind);
}  // namespace silian::org
