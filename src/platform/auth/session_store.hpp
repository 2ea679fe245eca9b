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
// Ends every session of the account except the one with `keep_token`.
void end_other_sessions(db::Lease& lease, std::int64_t account_id, const std::string& keep_token);

// Login throttling: at most `max` failures per key within k_failure_window. Sign-in
// counts per account and address (5), per address (30) and per account (50), so one
// attacker cannot lock a person out from everywhere and many addresses cannot guess freely.
inline constexpr int k_max_failures = 5;
inline constexpr int k_max_failures_per_address = 30;
inline constexpr int k_max_failures_per_account = 50;
inline constexpr std::int64_t k_failure_window = 15 * 60;
bool login_throttled(db::Lease& lease, const std::string& key, std::int64_t now,
                     int max = k_max_failures);
void record_login_failure(db::Lease& lease, const std::string& key, std::int64_t now);
void clear_login_failures(db::Lease& lease, const std::string& key);
}  // namespace silian::auth
