#include "silian/platform/jobs/job_queue.hpp"

#include <spdlog/spdlog.h>
#include <chrono>
#include <stdexcept>

namespace silian::jobs {
void JobRegistry::add(const std::string& kind, Handler handler) {
  if (!handlers_.emplace(kind, std::move(handler)).second)
    throw std::logic_error("job kind registered twice: " + kind);
}

const Handler* JobRegistry::find(const std::string& kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

void enqueue(db::Lease& lease, const std::string& kind, const std::string& payload,
             std::int64_t run_at, const std::string& dedupe_key) {
  auto& s = lease.session();
  long long when = run_at;
  if (dedupe_key.empty()) {
    s << "INSERT INTO jobs (kind, payload, run_at) VALUES (:k, :p, :r)", soci::use(kind),
        soci::use(payload), soci::use(when);
    return;
  }
  s << "INSERT INTO jobs (kind, payload, run_at, dedupe_key) VALUES (:k, :p, :r, :d) "
       "ON CONFLICT (dedupe_key) DO NOTHING",
      soci::use(kind), soci::use(payload), soci::use(when), soci::use(dedupe_key);
}

namespace {
constexpr int k_max_attempts = 5;
// On SQLite due jobs run in batches, one transaction each, so that a burst of
// notification deliveries costs one commit (one fsync) per batch instead of one per job
// and leaves the single write lock to appeals being filed; a batch is bounded so that
// the lock is never held long. On PostgreSQL each job is its own transaction: commits
// are cheap there, and a batch would hold one job's row locks (an appeal, the audit
// head) while taking the next job's, in an order web requests do not use.
constexpr int k_sqlite_batch_jobs = 50;
constexpr auto k_batch_time = std::chrono::milliseconds(20);

// Claims and runs one due job inside the caller's transaction. Returns false when
// nothing is due. The claim stays outside the job's savepoint, so that a failing job
// keeps its claim (PostgreSQL's row lock) until its failure is recorded.
bool run_one(db::Lease& lease, const JobRegistry& registry, std::int64_t at,
             const std::string& node, TickResult& result) {
  auto& s = lease.session();
  long long id = 0, attempts = 0, due = at;
  std::string kind, payload;
  soci::indicator found = soci::i_null;
  std::string claim =
      "SELECT id, kind, payload, attempts FROM jobs WHERE status = 'pending' AND run_at <= :at "
      "ORDER BY run_at, id LIMIT 1";
  if (lease.engine() == db::Engine::postgresql) claim += " FOR UPDATE SKIP LOCKED";
  s << claim, soci::use(due), soci::into(id, found), soci::into(kind), soci::into(payload),
      soci::into(attempts);
  if (found != soci::i_ok) return false;
  std::string error;
  try {
    db::Transaction job(lease);  // a savepoint: the handler's writes go with the job's
    const Handler* handler = registry.find(kind);
    if (handler == nullptr) throw std::runtime_error("no handler for job kind " + kind);
    JobContext ctx{lease, id, payload, at};
    (*handler)(ctx);
    long long finished = at;
    s << "UPDATE jobs SET status = 'done', attempts = attempts + 1, finished_at = :f, "
         "finished_by = :n WHERE id = :id",
        soci::use(finished), soci::use(node), soci::use(id);
    job.commit();
    ++result.done;
    return true;
  } catch (const std::exception& e) {
    error = e.what();
  }
  // The handler's writes were rolled back with the savepoint; record the failure and
  // retry later.
  spdlog::warn("event=job_failed job_id={} kind={} error=\"{}\"", id, kind, error);
  long long next_at = at + 60 * (attempts + 1);
  std::string status = attempts + 1 >= k_max_attempts ? "failed" : "pending";
  s << "UPDATE jobs SET attempts = attempts + 1, status = :st, run_at = :r, last_error = :e "
       "WHERE id = :id AND status = 'pending'",
      soci::use(status), soci::use(next_at), soci::use(error), soci::use(id);
  ++result.failed;
  return true;
}
}  // namespace

// A failure of the database itself in the middle of a batch (a full disk, say) undoes
// the batch's earlier jobs too, and they run again later: like a crash between a job's
// effect and its commit, handlers' effects outside the database may repeat.
TickResult run_due(db::Database& db, const JobRegistry& registry, std::int64_t at,
                   const std::string& node, int max_jobs) {
  TickResult result;
  const int batch_jobs = db.engine() == db::Engine::sqlite ? k_sqlite_batch_jobs : 1;
  int ran = 0;
  bool more = true;
  while (more && ran < max_jobs) {
    auto lease = db.lease();
    db::Transaction batch(lease);
    auto started = std::chrono::steady_clock::now();
    for (int in_batch = 0; in_batch < batch_jobs && ran < max_jobs; ++in_batch) {
      if (!run_one(lease, registry, at, node, result)) {
        more = false;
        break;
      }
      ++ran;
      if (std::chrono::steady_clock::now() - started >= k_batch_time) break;
    }
    batch.commit();
  }
  return result;
}
}  // namespace silian::jobs
