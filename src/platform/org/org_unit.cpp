#include "silian/platform/org/org_unit.hpp"

#include <algorithm>

namespace silian::org {
bool is_unit_kind(std::string_view kind) {
  return std::find(k_unit_kinds.begin(), k_unit_kinds.end(), kind) != k_unit_kinds.end();
}

bool may_contain(std::string_view parent, std::string_view child) {
  if (child == "district") return parent.empty();
  if (child == "street" || child == "department") return parent == "district";
  if (child == "community") return parent == "street";
  if (child == "grid") return parent == "community";
  // Organisations sit in the area they serve: a street or a community.
  return is_unit_kind(child) && (parent == "street" || parent == "community");
}
}  // namespace silian::org
