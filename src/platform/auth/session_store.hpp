#pragma once
// Database-backed login sessions (so any app node can serve any request) and login
// throttling counters. Only a hash of the session token is stored.
#include <cstdint>
#include <optional>
#include <string>

#include "silian/platform/db/database.hpp"

namespace silian::auth {
inline constexpr std::int64_t k_session_lifetime = 12 * 3600;

// Returns the raw token for the cookie.
std::string create_session(db::Lease& lease, std::int64_t account_id, std::int64_t now);
std::optional<std::int64_t> session_account(db::Lease& lease, const std::string& token,
                                            std::int64_t now);
void destroy_session(db::Lease& lease, const std::string& token);

// Login throttling: at most k_max_failures failures per key within k_failure_window.
inline constexpr int k_max_failures = 5;
inline constexpr std::int64_t k_failure_window = 15 * 60;
bool login_throttled(db::Lease& lease, const std::string& key, std::int64_t now);
void record_login_failure(db::Lease& lease, const std::string& key, std::int64_t now);
void clear_login_failures(db::Lease& lease, const std::string& key);
}  // namespace silian::auth
