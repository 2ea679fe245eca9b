#include "silian/platform/auth/account_store.hpp"

#include <cctype>

namespace silian::auth {
namespace {
std::optional<Account> find_where(db::Lease& lease, const std::string& where,
                                  const std::string& arg) {
  auto& s = lease.session();
  Account a;
  long long id = 0, created = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT id, username, display_name, password_hash, status, created_at FROM accounts " +
           where,
      soci::use(arg), soci::into(id, ind), soci::into(a.username), soci::into(a.display_name),
      soci::into(a.password_hash), soci::into(a.status), soci::into(created);
  if (ind != soci::i_ok) return std::nullopt;
  a.id = id;
  a.created_at = created;
  return a;
}
}  // namespace

std::optional<Account> find_account(db::Lease& lease, std::int64_t id) {
  return find_where(lease, "WHERE id = :a", std::to_string(id));
}

std::optional<Account> find_account_by_username(db::Lease& lease, const std::string& username) {
  return find_where(lease, "WHERE username = :a", username);
}

std::int64_t insert_account(db::Lease& lease, const Account& a) {
  long long id = 0, created = a.created_at;
  std::string status = a.status.empty() ? "active" : a.status;
  lease.session() << "INSERT INTO accounts (username, display_name, password_hash, status, "
                     "created_at) VALUES (:u, :d, :p, :s, :c) RETURNING id",
      soci::use(a.username), soci::use(a.display_name), soci::use(a.password_hash),
      soci::use(status), soci::use(created), soci::into(id);
  return id;
}

void set_account_status(db::Lease& lease, std::int64_t id, const std::string& status) {
  long long key = id;
  lease.session() << "UPDATE accounts SET status = :s WHERE id = :id", soci::use(status),
      soci::use(key);
  if (status != "active") {
    lease.session() << "DELETE FROM sessions WHERE account_id = :id", soci::use(key);
  }
}

void set_password_hash(db::Lease& lease, std::int64_t id, const std::string& hash) {
  long long key = id;
  lease.session() << "UPDATE accounts SET password_hash = :h WHERE id = :id", soci::use(hash),
      soci::use(key);
}

AccountPage list_accounts(db::Lease& lease, const std::string& search, int page, int per_page) {
  auto& s = lease.session();
  AccountPage out;
  // Case-insensitive on both engines (SQLite's LIKE already is, PostgreSQL's is not).
  std::string pattern = db::like_contains(search);
  for (auto& c : pattern) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  long long total = 0;
  s << "SELECT COUNT(*) FROM accounts WHERE LOWER(username) LIKE :p1 ESCAPE '\\' OR "
       "LOWER(display_name) LIKE :p2 ESCAPE '\\'",
      soci::use(pattern), soci::use(pattern), soci::into(total);
  out.total = total;
  long long limit = per_page, offset = static_cast<long long>(page - 1) * per_page;
  Account a;
  long long id = 0, created = 0;
  soci::statement st =
      (s.prepare
           << "SELECT id, username, display_name, status, created_at FROM accounts WHERE "
              "LOWER(username) LIKE :p1 ESCAPE '\\' OR LOWER(display_name) LIKE :p2 ESCAPE '\\' "
              "ORDER BY id LIMIT :l OFFSET :o",
       soci::use(pattern), soci::use(pattern), soci::use(limit), soci::use(offset), soci::into(id),
       soci::into(a.username), soci::into(a.display_name), soci::into(a.status),
       soci::into(created));
  st.execute();
  while (st.fetch()) {
    a.id = id;
    a.created_at = created;
    out.rows.push_back(a);
  }
  return out;
}

std::vector<RoleAssignment> roles_of(db::Lease& lease, std::int64_t account_id) {
  auto& s = lease.session();
  std::vector<RoleAssignment> out;
  RoleAssignment r;
  long long id = 0, unit = 0, account = account_id;
  soci::statement st =
      (s.prepare << "SELECT r.id, r.role, r.unit_id, u.path, u.name, u.kind FROM role_assignments "
                    "r JOIN org_units u ON u.id = r.unit_id WHERE r.account_id = :a ORDER BY r.id",
       soci::use(account), soci::into(id), soci::into(r.role), soci::into(unit),
       soci::into(r.unit_path), soci::into(r.unit_name), soci::into(r.unit_kind));
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.unit_id = unit;
    out.push_back(r);
  }
  return out;
}

bool assign_role(db::Lease& lease, std::int64_t account_id, const std::string& role,
                 std::int64_t unit_id, std::int64_t granted_by, std::int64_t now) {
  auto& s = lease.session();
  long long account = account_id, unit = unit_id, by = granted_by, at = now;
  soci::statement st =
      (s.prepare
           << "INSERT INTO role_assignments (account_id, role, unit_id, granted_by, granted_at) "
              "VALUES (:a, :r, :u, :b, :t) ON CONFLICT (account_id, role, unit_id) DO NOTHING",
       soci::use(account), soci::use(role), soci::use(unit), soci::use(by), soci::use(at));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool revoke_role(db::Lease& lease, std::int64_t assignment_id, std::int64_t account_id) {
  auto& s = lease.session();
  long long id = assignment_id, account = account_id;
  soci::statement st =
      (s.prepare << "DELETE FROM role_assignments WHERE id = :id AND account_id = :a",
       soci::use(id), soci::use(account));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<std::int64_t> accounts_with_role_in(db::Lease& lease, const std::string& role,
                                                const std::string& unit_path) {
  auto& s = lease.session();
  std::vector<std::int64_t> out;
  long long id = 0;
  std::string prefix = unit_path + "%";
  soci::statement st =
      (s.prepare << "SELECT DISTINCT r.account_id FROM role_assignments r JOIN org_units u ON "
                    "u.id = r.unit_id WHERE r.role = :r AND u.path LIKE :p ORDER BY r.account_id",
       soci::use(role), soci::use(prefix), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

Principal load_principal(db::Lease& lease, const Account& account) {
  return Principal{account.id, account.username, account.display_name, roles_of(lease, account.id)};
}
}  // namespace silian::auth
