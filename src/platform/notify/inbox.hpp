#pragma once
// Notifications: an in-app inbox, plus delivery through a pluggable sender (email/SMS)
// run from the job queue. The default sender writes to the log.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::notify {
inline constexpr const char* k_deliver_job = "notify.deliver";

struct Notification {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string message_key;
  std::map<std::string, std::string> params;
  std::string link;
  bool read = false;
};

// Inside the caller's transaction: stores the inbox entry and queues external delivery.
void send(db::Lease& lease, std::int64_t account_id, const std::string& message_key,
          const std::map<std::string, std::string>& params, const std::string& link,
          std::int64_t now);
std::vector<Notification> inbox(db::Lease& lease, std::int64_t account_id, int limit);
std::int64_t unread_count(db::Lease& lease, std::int64_t account_id);
bool mark_read(db::Lease& lease, std::int64_t account_id, std::int64_t id, std::int64_t now);
// The default external sender: logs the delivery (never the content of personal data).
void log_sender(const std::string& payload);
}  // namespace silian::notify
