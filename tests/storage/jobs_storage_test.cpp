#include <atomic>
#include <set>
#include <thread>

#include "silian/platform/jobs/job_queue.hpp"
#include "support/engine_param.hpp"

using namespace silian;
using silian::test::TestPlatform;

namespace {
class JobQueue : public test::OnEachEngine {};

void enqueue(Platform& p, const std::string& kind, const std::string& payload, std::int64_t at,
             const std::string& key = "") {
  auto lease = p.db->lease();
  db::Transaction tx(lease);
  jobs::enqueue(lease, kind, payload, at, key);
  tx.commit();
}

using test::count;
}  // namespace

TEST_P(JobQueue, RunsOnlyWhatIsDue) {
  TestPlatform tp(GetParam(), false);
  jobs::JobRegistry reg;
  std::vector<std::string> ran;
  reg.add("test.record", [&](jobs::JobContext& ctx) { ran.push_back(ctx.payload); });
  auto t0 = tp->clock.now();
  enqueue(*tp, "test.record", "early", t0 + 60);
  enqueue(*tp, "test.record", "late", t0 + 3600);
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0, "n").done, 0);
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0 + 60, "n").done, 1);
  EXPECT_EQ(ran, std::vector<std::string>{"early"});
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0 + 7200, "n").done, 1);
  EXPECT_EQ(ran.size(), 2u);
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0 + 7200, "n").done, 0);  // never twice
}

TEST_P(JobQueue, HandlerWritesCommitWithTheJobOrNotAtAll) {
  TestPlatform tp(GetParam(), false);
  jobs::JobRegistry reg;
  reg.add("test.fail_after_write", [](jobs::JobContext& ctx) {
    ctx.lease.session()
        << "INSERT INTO settings (setting_key, setting_value) VALUES ('half', 'done')";
    throw std::runtime_error("boom");
  });
  auto t0 = tp->clock.now();
  enqueue(*tp, "test.fail_after_write", "{}", t0);
  auto result = jobs::run_due(*tp->db, reg, t0, "n");
  EXPECT_EQ(result.failed, 1);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM settings WHERE setting_key = 'half'"), 0);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM jobs WHERE status = 'pending' AND attempts = 1"), 1);
  // Retried later, and given up after five attempts.
  for (int i = 1; i <= 6; ++i) jobs::run_due(*tp->db, reg, t0 + i * 3600, "n");
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM jobs WHERE status = 'failed' AND attempts = 5"), 1);
}

TEST_P(JobQueue, AFailingJobInABatchIsUndoneAloneAndTheOthersCommit) {
  TestPlatform tp(GetParam(), false);
  jobs::JobRegistry reg;
  // The bad job's SQL fails (a duplicate key): on PostgreSQL that aborts the transaction
  // unless its savepoint is rolled back.
  reg.add("test.write", [](jobs::JobContext& ctx) {
    std::string key = ctx.payload == "bad" ? "one" : ctx.payload;
    ctx.lease.session() << "INSERT INTO settings (setting_key, setting_value) VALUES (:k, 'x')",
        soci::use(key);
  });
  auto t0 = tp->clock.now();
  for (const auto* payload : {"one", "bad", "two", "three"})
    enqueue(*tp, "test.write", payload, t0);
  auto result = jobs::run_due(*tp->db, reg, t0, "n");
  EXPECT_EQ(result.done, 3);
  EXPECT_EQ(result.failed, 1);
  EXPECT_EQ(count(*tp,
                  "SELECT COUNT(*) FROM settings WHERE setting_key IN ('one', 'two', "
                  "'three')"),
            3);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM jobs WHERE status = 'done'"), 3);
  EXPECT_EQ(count(*tp,
                  "SELECT COUNT(*) FROM jobs WHERE status = 'pending' AND attempts = 1 AND "
                  "payload = 'bad'"),
            1);
}

TEST_P(JobQueue, ABacklogRunsInFewCommitsAndStopsAtTheLimit) {
  TestPlatform tp(GetParam(), false);
  // Another connection's PRAGMA data_version changes with each commit: read in each job,
  // it tells how many commits the jobs took.
  db::Database watcher(tp->db->url(), 1);
  std::set<long long> versions;
  jobs::JobRegistry reg;
  reg.add("test.noop", [&](jobs::JobContext&) {
    if (GetParam() != db::Engine::sqlite) return;
    auto lease = watcher.lease();
    long long version = 0;
    lease.session() << "PRAGMA data_version", soci::into(version);
    versions.insert(version);
  });
  auto t0 = tp->clock.now();
  for (int i = 0; i < 120; ++i) enqueue(*tp, "test.noop", std::to_string(i), t0);
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0, "n", 70).done, 70);  // max_jobs holds
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM jobs WHERE status = 'pending'"), 50);
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0, "n").done, 50);
  EXPECT_EQ(jobs::run_due(*tp->db, reg, t0, "n").done, 0);
  // On SQLite, 120 jobs in batches of up to 50 (or 20 ms): a handful of commits, not 120.
  if (GetParam() == db::Engine::sqlite) {
    EXPECT_GE(versions.size(), 3u);
    EXPECT_LE(versions.size(), 12u);
  }
}

TEST_P(JobQueue, DedupeKeyMakesEnqueueIdempotent) {
  TestPlatform tp(GetParam(), false);
  auto t0 = tp->clock.now();
  enqueue(*tp, "k", "{}", t0, "escalate:42");
  enqueue(*tp, "k", "{}", t0, "escalate:42");
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM jobs"), 1);
}

TEST_P(JobQueue, TwoRunnersRunEachDueJobExactlyOnce) {
  TestPlatform tp(GetParam(), false);
  auto t0 = tp->clock.now();
  constexpr int k_jobs = 60;
  for (int i = 0; i < k_jobs; ++i) enqueue(*tp, "test.count", std::to_string(i), t0);
  // A second pool on the same database stands for a second node.
  TestPlatform other(tp->config.db_url, tp->config.secret_file, false);
  std::atomic<int> runs{0};
  jobs::JobRegistry reg;
  reg.add("test.count", [&](jobs::JobContext& ctx) {
    ++runs;
    ctx.lease.session() << "INSERT INTO settings (setting_key, setting_value) VALUES (:k, 'x')",
        soci::use(std::string("job-") + ctx.payload);
  });
  std::thread a([&] { jobs::run_due(*tp->db, reg, t0, "a"); });
  std::thread b([&] { jobs::run_due(*other->db, reg, t0, "b"); });
  a.join();
  b.join();
  EXPECT_EQ(runs.load(), k_jobs);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM settings WHERE setting_key LIKE 'job-%'"), k_jobs);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM jobs WHERE status = 'done' AND attempts = 1"), k_jobs);
}

SILIAN_ON_BOTH_ENGINES(JobQueue);
