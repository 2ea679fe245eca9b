#include "silian/platform/auth/principal.hpp"

#include <algorithm>

#include "silian/platform/auth/roles.hpp"

namespace silian::auth {
bool Principal::has_role(std::string_view role) const {
  return std::any_of(roles.begin(), roles.end(), [&](const auto& r) { return r.role == role; });
}

bool Principal::has_any_role(const std::vector<std::string>& wanted) const {
  return std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return has_role(w); });
}

bool Principal::covers(std::string_view unit_path, const std::vector<std::string>& wanted) const {
  return std::any_of(roles.begin(), roles.end(), [&](const auto& r) {
    return std::find(wanted.begin(), wanted.end(), r.role) != wanted.end() &&
           unit_path.starts_with(r.unit_path);
  });
}

bool Principal::is_staff() const {
  return std::any_of(roles.begin(), roles.end(),
                     [](const auto& r) { return is_staff_role(r.role); });
}
}  // namespace silian::auth
