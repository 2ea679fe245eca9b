#pragma once
// Deny by default: every route names a permission, and a permission lists the roles
// that hold it. Two built-ins need no declaration: "public" and "authenticated".
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/auth/principal.hpp"

namespace silian::auth {
inline constexpr const char* k_public = "public";
inline constexpr const char* k_authenticated = "authenticated";

struct PermissionDecl {
  std::string name;
  std::vector<std::string> roles;
};

enum class Decision { allow, login_required, forbidden };

class PermissionRegistry {
 public:
  void declare(const PermissionDecl& decl);  // throws on duplicate or unknown role
  bool known(const std::string& name) const;
  const std::vector<std::string>& roles_of(const std::string& name) const;
  Decision decide(const std::string& permission, const Principal* who) const;
  bool allows(const std::string& permission, const Principal* who) const {
    return decide(permission, who) == Decision::allow;
  }

 private:
  std::map<std::string, std::vector<std::string>> table_;
};
}  // namespace silian::auth
