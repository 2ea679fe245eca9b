#include "silian/platform/auth/roles.hpp"

#include <algorithm>

namespace silian::auth {
bool is_role(std::string_view name) {
  return std::find(k_roles.begin(), k_roles.end(), name) != k_roles.end();
}

bool is_staff_role(std::string_view name) {
  return is_role(name) && name != "resident" && name != "volunteer";
}
}  // namespace silian::auth
