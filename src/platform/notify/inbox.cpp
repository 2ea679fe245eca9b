#include "silian/platform/notify/inbox.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "silian/platform/jobs/job_queue.hpp"

namespace silian::notify {
void send(db::Lease& lease, std::int64_t account_id, const std::string& message_key,
          const std::map<std::string, std::string>& params, const std::string& link,
          std::int64_t now) {
  nlohmann::json p(params);
  std::string params_text = p.dump();
  long long account = account_id, at = now, id = 0;
  lease.session() << "INSERT INTO notifications (account_id, at, message_key, params, link) "
                     "VALUES (:a, :t, :k, :p, :l) RETURNING id",
      soci::use(account), soci::use(at), soci::use(message_key), soci::use(params_text),
      soci::use(link), soci::into(id);
  nlohmann::json payload{{"notification_id", id}, {"account_id", account_id}};
  jobs::enqueue(lease, k_deliver_job, payload.dump(), now);
}

std::vector<Notification> inbox(db::Lease& lease, std::int64_t account_id, int limit) {
  std::vector<Notification> out;
  long long account = account_id, lim = limit, id = 0, at = 0, read_at = 0;
  std::string key, params, link;
  soci::statement st =
      (lease.session().prepare << "SELECT id, at, message_key, params, link, read_at FROM "
                                  "notifications WHERE account_id = :a ORDER BY at DESC, id DESC "
                                  "LIMIT :l",
       soci::use(account), soci::use(lim), soci::into(id), soci::into(at), soci::into(key),
       soci::into(params), soci::into(link), soci::into(read_at));
  st.execute();
  while (st.fetch()) {
    Notification n{id, at, key, {}, link, read_at != 0};
    auto parsed = nlohmann::json::parse(params, nullptr, false);
    if (parsed.is_object())
      for (auto& [k, v] : parsed.items())
        if (v.is_string()) n.params[k] = v.get<std::string>();
    out.push_back(std::move(n));
  }
  return out;
}

std::int64_t unread_count(db::Lease& lease, std::int64_t account_id) {
  long long account = account_id, n = 0;
  lease.session() << "SELECT COUNT(*) FROM notifications WHERE account_id = :a AND read_at = 0",
      soci::use(account), soci::into(n);
  return n;
}

bool mark_read(db::Lease& lease, std::int64_t account_id, std::int64_t id, std::int64_t now) {
  long long account = account_id, key = id, at = now;
  soci::statement st = (lease.session().prepare << "UPDATE notifications SET read_at = :t WHERE "
                                                   "id = :id AND account_id = :a AND read_at = 0",
                        soci::use(at), soci::use(key), soci::use(account));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void log_sender(const std::string& payload) {
  spdlog::info("event=notification_delivered sender=log payload={}", payload);
}
}  // namespace silian::notify
