#include "silian/platform/auth/session_store.hpp"

#include "silian/platform/crypto/crypto.hpp"

namespace silian::auth {
std::string create_session(db::Lease& lease, std::int64_t account_id, std::int64_t now) {
  std::string token = crypto::random_token();
  std::string hash = crypto::blake2b_hex(token);
  long long account = account_id, created = now, expires = now + k_session_lifetime;
  lease.session() << "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) "
                     "VALUES (:h, :a, :c, :e)",
      soci::use(hash), soci::use(account), soci::use(created), soci::use(expires);
  return token;
}

std::optional<std::int64_t> session_account(db::Lease& lease, const std::string& token,
                                            std::int64_t now) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::string hash = crypto::blake2b_hex(token);
  long long account = 0, at = now;
  soci::indicator ind = soci::i_null;
  lease.session() << "SELECT s.account_id FROM sessions s JOIN accounts a ON a.id = s.account_id "
                     "WHERE s.token_hash = :h AND s.expires_at > :t AND a.status = 'active'",
      soci::use(hash), soci::use(at), soci::into(account, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return account;
}

void destroy_session(db::Lease& lease, const std::string& token) {
  std::string hash = crypto::blake2b_hex(token);
  lease.session() << "DELETE FROM sessions WHERE token_hash = :h", soci::use(hash);
}

void end_other_sessions(db::Lease& lease, std::int64_t account_id, const std::string& keep_token) {
  std::string keep = crypto::blake2b_hex(keep_token);
  long long account = account_id;
  lease.session() << "DELETE FROM sessions WHERE account_id = :a AND token_hash <> :k",
      soci::use(account), soci::use(keep);
}

bool login_throttled(db::Lease& lease, const std::string& key, std::int64_t now, int max) {
  long long since = now - k_failure_window;
  int count = 0;
  lease.session() << "SELECT COUNT(*) FROM login_failures WHERE throttle_key = :k AND at > :s",
      soci::use(key), soci::use(since), soci::into(count);
  return count >= max;
}

void record_login_failure(db::Lease& lease, const std::string& key, std::int64_t now) {
  long long at = now, old = now - 24 * 3600;
  lease.session() << "INSERT INTO login_failures (throttle_key, at) VALUES (:k, :t)",
      soci::use(key), soci::use(at);
  lease.session() << "DELETE FROM login_failures WHERE at < :o", soci::use(old);
}

void clear_login_failures(db::Lease& lease, const std::string& key) {
  lease.session() << "DELETE FROM login_failures WHERE throttle_key = :k", soci::use(key);
}
}  // namespace silian::auth
