// The database's change generation (Lease::change_generation), on which the page cache
// keys: it moves with every committed write of this pool, of another pool on the same
// file and across checkpoints, never with reads or rolled-back writes; and it is absent
// where the engine cannot tell (PostgreSQL, SQLite without WAL).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "silian/platform/db/database.hpp"
#include "support/engine_param.hpp"

namespace silian::db {
namespace {
std::uint64_t generation(Database& db) {
  auto lease = db.lease();
  auto g = lease.change_generation();
  EXPECT_TRUE(g.has_value());
  return g.value_or(0);
}

class ChangeGeneration : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lease = db.lease();
    lease.session() << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
    lease.session() << "INSERT INTO t (id, v) VALUES (1, 'one')";
  }
  std::string url = "sqlite:" + test::temp_dir() + "/generation.db";
  Database db{*DbUrl::parse(url), 2};
};

TEST_F(ChangeGeneration, ReadsLeaveItAndEveryCommitMovesIt) {
  // One session: its own commits never change its data_version, so only the WAL hook
  // can tell.
  Database db(*DbUrl::parse(url), 1);
  auto g0 = generation(db);
  {
    auto lease = db.lease();
    std::string v;
    lease.session() << "SELECT v FROM t WHERE id = 1", soci::into(v);
  }
  EXPECT_EQ(generation(db), g0);
  EXPECT_EQ(generation(db), g0);
  {
    auto lease = db.lease();  // an autocommit write
    lease.session() << "UPDATE t SET v = 'uno' WHERE id = 1";
  }
  auto g1 = generation(db);
  EXPECT_GT(g1, g0);
  {
    auto lease = db.lease();  // an explicit transaction, committed
    Transaction tx(lease);
    lease.session() << "INSERT INTO t (id, v) VALUES (2, 'two')";
    tx.commit();
  }
  auto g2 = generation(db);
  EXPECT_GT(g2, g1);
  {
    auto lease = db.lease();  // rolled back: nothing changed
    Transaction tx(lease);
    lease.session() << "INSERT INTO t (id, v) VALUES (3, 'three')";
  }
  EXPECT_EQ(generation(db), g2);
}

TEST_F(ChangeGeneration, ACommitOfAnotherConnectionMovesItOnEverySession) {
  // Both pooled sessions have looked once.
  {
    auto a = db.lease();
    EXPECT_TRUE(a.change_generation());
    std::thread([&] {
      auto b = db.lease();
      EXPECT_TRUE(b.change_generation());
    }).join();
  }
  auto before = generation(db);
  {
    Database other(*DbUrl::parse(url), 1);  // another process, as far as SQLite can tell
    auto lease = other.lease();
    lease.session() << "UPDATE t SET v = 'eins' WHERE id = 1";
  }
  // Whichever session looks next sees the new generation.
  auto after = generation(db);
  EXPECT_GT(after, before);
  std::uint64_t on_the_other_session = 0;
  std::thread([&] {
    auto a = db.lease();  // the first one is free again: hold it so the second is used
    std::thread([&] {
      auto b = db.lease();
      on_the_other_session = b.change_generation().value_or(0);
    }).join();
  }).join();
  EXPECT_GE(on_the_other_session, after);
}

TEST_F(ChangeGeneration, CheckpointsKeepWorking) {
  // The WAL hook replaces SQLite's automatic checkpoint; it must still run.
  auto lease = db.lease();
  for (int i = 0; i < 1200; ++i)
    lease.session() << "UPDATE t SET v = :v WHERE id = 1", soci::use(std::to_string(i));
  long long busy = -1, frames = -1, done = -1;
  lease.session() << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(frames),
      soci::into(done);
  EXPECT_LT(frames, 1000);  // the log was reset at 1,000 frames, not grown to 1,200
}

TEST(ChangeGenerationElsewhere, AbsentWithoutWalAndOnPostgreSql) {
  Database memory(*DbUrl::parse("sqlite::memory:"), 1);
  auto lease = memory.lease();
  EXPECT_FALSE(lease.change_generation().has_value());
  if (std::getenv("SILIAN_TEST_PG_URL") != nullptr) {
    Database postgres(*DbUrl::parse(test::fresh_db_url(Engine::postgresql)), 1);
    auto l = postgres.lease();
    EXPECT_FALSE(l.change_generation().has_value());
  } else {
    ADD_FAILURE() << "SILIAN_TEST_PG_URL is not set";
  }
}
}  // namespace
}  // namespace silian::db
