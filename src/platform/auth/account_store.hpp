#pragma once
// Accounts and their scoped role assignments. Writes happen in the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/auth/principal.hpp"
#include "silian/platform/db/database.hpp"

namespace silian::auth {
struct Account {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  std::string status;  // active | disabled
  std::int64_t created_at = 0;
};

std::optional<Account> find_account(db::Lease& lease, std::int64_t id);
std::optional<Account> find_account_by_username(db::Lease& lease, const std::string& username);
std::int64_t insert_account(db::Lease& lease, const Account& account);
void set_account_status(db::Lease& lease, std::int64_t id, const std::string& status);
void set_password_hash(db::Lease& lease, std::int64_t id, const std::string& hash);

struct AccountPage {
  std::vector<Account> rows;
  std::int64_t total = 0;
};
AccountPage list_accounts(db::Lease& lease, const std::string& search, int page, int per_page);

std::vector<RoleAssignment> roles_of(db::Lease& lease, std::int64_t account_id);
// Returns false when the same role at the same unit already exists.
bool assign_role(db::Lease& lease, std::int64_t account_id, const std::string& role,
                 std::int64_t unit_id, std::int64_t granted_by, std::int64_t now);
bool revoke_role(db::Lease& lease, std::int64_t assignment_id, std::int64_t account_id);
// Accounts holding `role` at a unit inside the subtree at `unit_path`.
std::vector<std::int64_t> accounts_with_role_in(db::Lease& lease, const std::string& role,
                                                const std::string& unit_path);

Principal load_principal(db::Lease& lease, const Account& account);
}  // namespace silian::auth
