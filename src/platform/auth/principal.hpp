#pragma once
// Who is making a request: the account and its scoped role assignments.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace silian::auth {
struct RoleAssignment {
  std::int64_t id = 0;
  std::string role;
  std::int64_t unit_id = 0;
  std::string unit_path;  // materialised path "/1/4/9/"
  std::string unit_name;
  std::string unit_kind;
};

struct Principal {
  std::int64_t account_id = 0;
  std::string username;
  std::string display_name;
  std::vector<RoleAssignment> roles;

  bool has_role(std::string_view role) const;
  bool has_any_role(const std::vector<std::string>& roles) const;
  // True when one of the given roles is held at `unit_path` or at one of its ancestors.
  bool covers(std::string_view unit_path, const std::vector<std::string>& roles) const;
  bool is_staff() const;
};
}  // namespace silian::auth
