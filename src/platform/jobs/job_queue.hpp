#pragma once
// A durable job queue in the database. Modules enqueue work inside their own
// transactions; `silian tick --at` and the server's ticker run what is due. A job's
// handler runs inside the transaction that claimed it, so its writes and the job's
// completion commit together: a due job runs exactly once, even with several nodes
// (PostgreSQL claims with FOR UPDATE SKIP LOCKED; SQLite serialises writers). On SQLite
// jobs run in batches of up to 50 per transaction, each in a savepoint of its own.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "silian/platform/db/database.hpp"

namespace silian::jobs {
struct JobContext {
  db::Lease& lease;
  std::int64_t job_id;
  std::string payload;
  std::int64_t now;
};
using Handler = std::function<void(JobContext&)>;

class JobRegistry {
 public:
  void add(const std::string& kind, Handler handler);  // throws on duplicate kind
  const Handler* find(const std::string& kind) const;

 private:
  std::map<std::string, Handler> handlers_;
};

// Enqueue inside the caller's transaction. A non-empty dedupe_key makes the call
// idempotent: a second job with the same key is not created.
void enqueue(db::Lease& lease, const std::string& kind, const std::string& payload,
             std::int64_t run_at, const std::string& dedupe_key = "");

struct TickResult {
  int done = 0;
  int failed = 0;
};
// Runs every job due at `at`; `node` names the runner in the jobs table.
TickResult run_due(db::Database& db, const JobRegistry& registry, std::int64_t at,
                   const std::string& node, int max_jobs = 1000);
}  // namespace silian::jobs
