// The SQLite prepared-statement cache under SOCI (platform/db/sqlite_statement_cache.cpp):
// statements are reused, a reused statement never keeps an old snapshot, live statements
// are never shared, only SOCI's statements are kept (not SQLite's own), and connections
// close.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
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
  auto before = idle_statements(handle(lease));
  std::string v;
  long long id = 1;
  lease.session() << "SELECT v FROM t WHERE id = :id", soci::use(id), soci::into(v);
  EXPECT_EQ(v, "one");
  auto after_first = idle_statements(handle(lease));
  EXPECT_EQ(after_first, before + 1);
  id = 3;
  lease.session() << "SELECT v FROM t WHERE id = :id", soci::use(id), soci::into(v);
  EXPECT_EQ(v, "three");  // the old binding is not left behind
  // Taken from the cache and put back: no second statement was prepared for it.
  EXPECT_EQ(idle_statements(handle(lease)), after_first);
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

TEST_F(StatementCache, StatementsSqlitePreparesItselfAreNotKept) {
  // Only SOCI's calls are cached; SQLite's own (and any other caller's) pass through.
  auto lease = db.lease();
  auto* conn = static_cast<sqlite_api::sqlite3*>(handle(lease));
  auto before = idle_statements(conn);
  sqlite_api::sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite_api::sqlite3_prepare_v2(conn, "SELECT 42", -1, &st, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite_api::sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite_api::sqlite3_finalize(st), SQLITE_OK);
  EXPECT_EQ(idle_statements(conn), before);
  // DDL runs SQL inside SQLite (the schema is re-read); what SOCI runs next is right.
  lease.session() << "CREATE TABLE u (id INTEGER PRIMARY KEY, w TEXT)";
  lease.session() << "INSERT INTO u (id, w) SELECT id, v || '!' FROM t";
  std::string w;
  lease.session() << "SELECT w FROM u WHERE id = 2", soci::into(w);
  EXPECT_EQ(w, "two!");
}

// The descriptors this process holds open on the file.
int open_descriptors(const std::string& path) {
  int n = 0;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    if (std::filesystem::read_symlink(fd.path(), ec) == path) ++n;
  }
  return n;
}

TEST(StatementCacheClose, AConnectionWithCachedStatementsCloses) {
  auto path = std::filesystem::canonical(test::temp_dir()).string() + "/close.db";
  {
    soci::session s(*soci::factory_sqlite3(), "db=\"" + path + "\"");
    auto* conn = static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
    enrol_in_statement_cache(conn);
    s << "CREATE TABLE t (id INTEGER)";
    s << "INSERT INTO t VALUES (1)";
    long long n = 0;
    s << "SELECT COUNT(*) FROM t", soci::into(n);
    EXPECT_EQ(n, 1);
    EXPECT_GE(idle_statements(conn), 3u);
    EXPECT_EQ(open_descriptors(path), 1);
  }
  // SOCI closes with sqlite3_close, which refuses while statements are unfinalized and
  // would leave the file open.
  EXPECT_EQ(open_descriptors(path), 0);
}
}  // namespace
}  // namespace silian::db
