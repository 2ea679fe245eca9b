#include "silian/platform/auth/permissions.hpp"

#include <stdexcept>

#include "silian/platform/auth/roles.hpp"

namespace silian::auth {
void PermissionRegistry::declare(const PermissionDecl& decl) {
  if (decl.name == k_public || decl.name == k_authenticated || table_.contains(decl.name))
    throw std::logic_error("permission declared twice: " + decl.name);
  for (const auto& role : decl.roles)
    if (!is_role(role)) throw std::logic_error("unknown role '" + role + "' in " + decl.name);
  table_[decl.name] = decl.roles;
}

bool PermissionRegistry::known(const std::string& name) const {
  return name == k_public || name == k_authenticated || table_.contains(name);
}

const std::vector<std::string>& PermissionRegistry::roles_of(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = table_.find(name);
  return it == table_.end() ? none : it->second;
}

Decision PermissionRegistry::decide(const std::string& permission, const Principal* who) const {
  if (permission == k_public) return Decision::allow;
  if (who == nullptr) return Decision::login_required;
  if (permission == k_authenticated) return Decision::allow;
  auto it = table_.find(permission);
  if (it == table_.end()) return Decision::forbidden;  // undeclared: deny
  return who->has_any_role(it->second) ? Decision::allow : Decision::forbidden;
}
}  // namespace silian::auth
