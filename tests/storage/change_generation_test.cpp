// The database's change generation (Database::change_generation), on which the page
// cache keys: it moves with every committed write, of a pooled session or of another
// connection, once per check however many sessions the pool has; never with reads or
// rolled-back writes; SQLite's automatic checkpoint keeps working; and it is absent where
// the engine cannot tell (PostgreSQL, SQLite without WAL).
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
  auto g = db.change_generation();
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

TEST_F(ChangeGeneration, ReadsLeaveItAndEveryCommitMovesItOnce) {
  auto g0 = generation(db);
  {
    auto lease = db.lease();
    std::string v;
    lease.session() << "SELECT v FROM t WHERE id = 1", soci::into(v);
  }
  EXPECT_EQ(generation(db), g0);
  {
    auto lease = db.lease();  // an autocommit write
    lease.session() << "UPDATE t SET v = 'uno' WHERE id = 1";
  }
  auto g1 = generation(db);
  EXPECT_GT(g1, g0);
  // Both pooled sessions read afterwards; the one commit is counted once.
  {
    auto a = db.lease();
    std::thread([&] {
      auto b = db.lease();
      std::string v;
      b.session() << "SELECT v FROM t WHERE id = 1", soci::into(v);
    }).join();
  }
  EXPECT_EQ(generation(db), g1);
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

TEST_F(ChangeGeneration, ACommitOfAnotherConnectionMovesIt) {
  auto before = generation(db);
  {
    Database other(*DbUrl::parse(url), 1);  // another process, as far as SQLite can tell
    auto lease = other.lease();
    lease.session() << "UPDATE t SET v = 'eins' WHERE id = 1";
  }
  auto after = generation(db);
  EXPECT_GT(after, before);
  EXPECT_EQ(generation(db), after);
}

TEST_F(ChangeGeneration, CheckpointsKeepWorking) {
  // Nothing may take SQLite's automatic checkpoint away (a WAL hook would): the log is
  // reset at 1,000 frames instead of growing with every commit.
  auto lease = db.lease();
  for (int i = 0; i < 1200; ++i)
    lease.session() << "UPDATE t SET v = :v WHERE id = 1", soci::use(std::to_string(i));
  EXPECT_TRUE(db.change_generation());
  long long busy = -1, frames = -1, done = -1;
  lease.session() << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(frames),
      soci::into(done);
  EXPECT_LT(frames, 1000);
}

TEST(ChangeGenerationElsewhere, AbsentWithoutWalAndOnPostgreSql) {
  Database memory(*DbUrl::parse("sqlite::memory:"), 1);
  EXPECT_FALSE(memory.change_generation().has_value());
  if (std::getenv("SILIAN_TEST_PG_URL") != nullptr) {
    Database postgres(*DbUrl::parse(test::fresh_db_url(Engine::postgresql)), 1);
    EXPECT_FALSE(postgres.change_generation().has_value());
  } else {
    ADD_FAILURE() << "SILIAN_TEST_PG_URL is not set";
  }
}
}  // namespace
}  // namespace silian::db
