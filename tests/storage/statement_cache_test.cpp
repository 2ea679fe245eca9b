// The SQLite prepared-statement cache under SOCI (platform/db/sqlite_statement_cache.cpp):
// statements are reused, a reused statement never keeps an old snapshot, live statements
// are never shared (nor SQLite's own, prepared while it loads a schema), and connections
// close.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>
#include <thread>

#include "silian/platform/db/database.hpp"
#include "silian/platform/db/sqlite_statement_cache.hpp"
#include "support/test_platform.hpp"

namespace silian::db {
namespace {
void* handle(Lease& lease) {
  return static_cast<soci::sqlite3_session_backend*>(lease->get_backend())->conn_;
}

class StatementCache : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lease = db.lease();
    lease.session() << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
    lease.session() << "INSERT INTO t (id, v) VALUES (1, 'one'), (2, 'two'), (3, 'three')";
  }
  Database db{*DbUrl::parse("sqlite:" + test::temp_dir() + "/cache.db"), 2};
};

TEST_F(StatementCache, ReusesTheStatementWithNewBindings) {
  auto lease = db.lease();
  auto before = statement_cache_stats(handle(lease));
  std::string v;
  long long id = 1;
  lease.session() << "SELECT v FROM t WHERE id = :id", soci::use(id), soci::into(v);
  EXPECT_EQ(v, "one");
  auto after_first = statement_cache_stats(handle(lease));
  EXPECT_EQ(after_first.idle, before.idle + 1);
  EXPECT_EQ(after_first.handed_out, 0u);
  id = 3;
  lease.session() << "SELECT v FROM t WHERE id = :id", soci::use(id), soci::into(v);
  EXPECT_EQ(v, "three");  // the old binding is not left behind
  // Taken from the cache and put back: no second statement was prepared for it.
  EXPECT_EQ(statement_cache_stats(handle(lease)).idle, after_first.idle);
}

TEST_F(StatementCache, AReusedStatementSeesOtherConnectionsCommits) {
  // The statement stopped after one row of several; if it were kept without a reset it
  // would hold its read snapshot, and the connection's next read (another statement)
  // would miss the other connection's write.
  auto reader = db.lease();
  std::thread([&] {
    auto warm = db.lease();  // the second connection exists before the read
  }).join();
  std::string v;
  reader.session() << "SELECT v FROM t ORDER BY id", soci::into(v);
  EXPECT_EQ(v, "one");
  std::thread([&] {
    auto writer = db.lease();
    writer.session() << "UPDATE t SET v = 'uno' WHERE id = 1";
  }).join();
  reader.session() << "SELECT v FROM t WHERE id = 1", soci::into(v);
  EXPECT_EQ(v, "uno");
  // And the writer can take the write lock again: no reader holds the database.
  std::thread([&] {
    auto writer = db.lease();
    Transaction tx(writer);
    writer.session() << "UPDATE t SET v = 'eins' WHERE id = 1";
    tx.commit();
  }).join();
  reader.session() << "SELECT v FROM t WHERE id = 1", soci::into(v);
  EXPECT_EQ(v, "eins");
}

TEST_F(StatementCache, TwoLiveStatementsOfTheSameSqlAreDistinct) {
  auto lease = db.lease();
  long long a = 0, b = 0;
  soci::statement outer =
      (lease.session().prepare << "SELECT id FROM t ORDER BY id", soci::into(a));
  soci::statement inner =
      (lease.session().prepare << "SELECT id FROM t ORDER BY id", soci::into(b));
  outer.execute();
  inner.execute();
  std::string seen;
  while (outer.fetch()) {
    ASSERT_TRUE(inner.fetch());
    seen += std::to_string(a) + std::to_string(b) + " ";
  }
  EXPECT_EQ(seen, "11 22 33 ");
  EXPECT_EQ(statement_cache_stats(handle(lease)).handed_out, 2u);
}

TEST_F(StatementCache, ErrorsStillReachTheCaller) {
  auto lease = db.lease();
  long long id = 1;
  EXPECT_THROW((lease.session() << "INSERT INTO t (id, v) VALUES (:id, 'dup')", soci::use(id)),
               soci::soci_error);
  // The failed statement, reused, still works for a good row.
  id = 4;
  lease.session() << "INSERT INTO t (id, v) VALUES (:id, 'dup')", soci::use(id);
  long long n = 0;
  lease.session() << "SELECT COUNT(*) FROM t", soci::into(n);
  EXPECT_EQ(n, 4);
  EXPECT_THROW((lease.session() << "SELECT nope FROM t"), soci::soci_error);
}

TEST(StatementCacheClose, AConnectionWithCachedStatementsCloses) {
  using namespace sqlite_api;
  sqlite3* conn = nullptr;
  ASSERT_EQ(sqlite3_open((test::temp_dir() + "/close.db").c_str(), &conn), SQLITE_OK);
  enrol_in_statement_cache(conn);
  for (const char* sql : {"CREATE TABLE t (id INTEGER)", "INSERT INTO t VALUES (1)"}) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(conn, sql, -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    EXPECT_EQ(sqlite3_finalize(st), SQLITE_OK);
  }
  EXPECT_EQ(statement_cache_stats(conn).idle, 2u);
  // sqlite3_close refuses (SQLITE_BUSY) while any statement is unfinalized.
  EXPECT_EQ(sqlite3_close(conn), SQLITE_OK);
}
}  // namespace
}  // namespace silian::db
