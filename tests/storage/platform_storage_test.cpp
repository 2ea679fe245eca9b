#include <set>
#include <sstream>

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/assets.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/session_store.hpp"
#include "silian/platform/core/demo.hpp"
#include "silian/platform/db/backup.hpp"
#include "silian/platform/db/migrations.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/uploads/uploads.hpp"
#include "support/engine_param.hpp"

using namespace silian;
using silian::test::TestPlatform;

namespace {
class Storage : public test::OnEachEngine {};

using test::count;
}  // namespace

TEST_P(Storage, MigrationsApplyOnceAndRecordVersions) {
  TestPlatform tp(GetParam());
  EXPECT_EQ(tp->migrate(), 0);  // already applied by the fixture
  // Every module's every migration file is recorded once.
  for (const auto& m : tp->modules) {
    long long files = 0;
    for (const auto& [path, content] : assets::all())
      files += path.starts_with(m.migrations) && path.ends_with(".sql");
    EXPECT_GE(files, 1) << m.name;
    EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM schema_versions WHERE module = '" + m.name + "'"),
              files)
        << m.name;
  }
}

TEST_P(Storage, DialectTokenBecomesAnAutoIncrementKey) {
  EXPECT_NE(db::render_dialect("id {{PK}},", db::Engine::sqlite).find("AUTOINCREMENT"),
            std::string::npos);
  EXPECT_NE(db::render_dialect("id {{PK}},", db::Engine::postgresql).find("IDENTITY"),
            std::string::npos);
  TestPlatform tp(GetParam(), false);
  auto lease = tp->db->lease();
  auto id1 = auth::insert_account(lease, {0, "a1", "A", "h", "active", 1});
  auto id2 = auth::insert_account(lease, {0, "a2", "B", "h", "active", 1});
  EXPECT_EQ(id2, id1 + 1);
}

TEST_P(Storage, UniqueViolationIsRecognised) {
  TestPlatform tp(GetParam(), false);
  auto lease = tp->db->lease();
  auth::insert_account(lease, {0, "same", "A", "h", "active", 1});
  try {
    auth::insert_account(lease, {0, "same", "B", "h", "active", 1});
    FAIL() << "duplicate username accepted";
  } catch (const soci::soci_error& e) {
    EXPECT_TRUE(db::is_unique_violation(e)) << e.what();
  }
}

TEST_P(Storage, OrgTreeKeepsMaterialisedPaths) {
  TestPlatform tp(GetParam());
  test::add_minimal_tree(*tp);
  auto lease = tp->db->lease();
  auto d = org::find_unit_by_code(lease, "d");
  auto g = org::find_unit_by_code(lease, "g");
  ASSERT_TRUE(d && g);
  EXPECT_EQ(d->path, "/" + std::to_string(d->id) + "/");
  EXPECT_TRUE(g->path.starts_with(d->path));
  EXPECT_EQ(std::count(g->path.begin(), g->path.end(), '/'), 5);
  EXPECT_EQ(org::units_of_kind(lease, "community").size(), 2u);
}

TEST_P(Storage, SessionsExpireAndDieWithTheAccount) {
  TestPlatform tp(GetParam());
  test::add_minimal_tree(*tp);
  auto id = test::add_account(*tp, "w", "community_worker", "c");
  auto lease = tp->db->lease();
  auto t0 = tp->clock.now();
  auto token = auth::create_session(lease, id, t0);
  EXPECT_EQ(auth::session_account(lease, token, t0 + 10), id);
  EXPECT_FALSE(auth::session_account(lease, token + "x", t0 + 10).has_value());
  EXPECT_FALSE(auth::session_account(lease, token, t0 + auth::k_session_lifetime + 1).has_value());
  auth::set_account_status(lease, id, "disabled");
  EXPECT_FALSE(auth::session_account(lease, token, t0 + 10).has_value());
  auto stored = count(*tp, "SELECT COUNT(*) FROM sessions WHERE token_hash = '" + token + "'");
  EXPECT_EQ(stored, 0) << "raw tokens must never be stored";
}

TEST_P(Storage, LoginThrottleCountsWithinTheWindow) {
  TestPlatform tp(GetParam(), false);
  auto lease = tp->db->lease();
  auto t0 = tp->clock.now();
  for (int i = 0; i < auth::k_max_failures - 1; ++i)
    auth::record_login_failure(lease, "user:x", t0 + i);
  EXPECT_FALSE(auth::login_throttled(lease, "user:x", t0 + 10));
  auth::record_login_failure(lease, "user:x", t0 + 10);
  EXPECT_TRUE(auth::login_throttled(lease, "user:x", t0 + 11));
  EXPECT_FALSE(auth::login_throttled(lease, "user:y", t0 + 11));
  EXPECT_FALSE(auth::login_throttled(lease, "user:x", t0 + auth::k_failure_window + 20));
}

TEST_P(Storage, RolesAreScopedAndNotDuplicated) {
  TestPlatform tp(GetParam());
  test::add_minimal_tree(*tp);
  auto id = test::add_account(*tp, "s", "street_officer", "s");
  auto lease = tp->db->lease();
  auto c = org::find_unit_by_code(lease, "c");
  EXPECT_FALSE(
      auth::assign_role(lease, id, "street_officer", org::find_unit_by_code(lease, "s")->id, 0, 1));
  EXPECT_TRUE(auth::assign_role(lease, id, "council_member", c->id, 0, 1));
  auto roles = auth::roles_of(lease, id);
  ASSERT_EQ(roles.size(), 2u);
  auto who = auth::load_principal(lease, *auth::find_account(lease, id));
  auto c2 = org::find_unit_by_code(lease, "c2");
  EXPECT_TRUE(who.covers(c->path, {"street_officer"}));
  EXPECT_FALSE(who.covers(c2->path, {"street_officer"}));
  EXPECT_EQ(auth::accounts_with_role_in(lease, "street_officer",
                                        org::find_unit_by_code(lease, "d")->path),
            std::vector<std::int64_t>{id});
}

TEST_P(Storage, DemoIsIdempotentAndModelsTheSeed) {
  TestPlatform tp(GetParam());
  EXPECT_TRUE(core::load_demo(*tp));
  auto residents = count(*tp, "SELECT COUNT(*) FROM residents");
  EXPECT_FALSE(core::load_demo(*tp));
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM residents"), residents);
  EXPECT_GE(residents, 2000);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM org_units WHERE kind = 'street'"), 2);
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM org_units WHERE kind = 'community'"), 6);
  EXPECT_GE(count(*tp, "SELECT COUNT(*) FROM org_units WHERE kind = 'grid'"), 6);
  EXPECT_GE(count(*tp, "SELECT COUNT(*) FROM org_units WHERE kind = 'department'"), 6);
  EXPECT_EQ(count(*tp, "SELECT COUNT(DISTINCT role) FROM role_assignments"), 15);
  // Phones are encrypted at rest: no short clear values, and the demo resident's opens.
  EXPECT_EQ(count(*tp, "SELECT COUNT(*) FROM residents WHERE LENGTH(phone_sealed) < 40"), 0);
  auto lease = tp->db->lease();
  std::string sealed;
  lease.session()
      << "SELECT r.phone_sealed FROM residents r JOIN accounts a ON a.id = r.account_id "
         "WHERE a.username = 'resident'",
      soci::into(sealed);
  EXPECT_EQ(tp->vault.open(sealed), "13800000015");
  EXPECT_TRUE(audit::verify(lease).ok);
}

TEST_P(Storage, BackupRestoresIntoAFreshDatabaseOfTheSameEngine) {
  TestPlatform source(GetParam());
  core::load_demo(*source);
  std::stringstream file;
  auto written = db::write_backup(*source->db, source->tables(), file);
  TestPlatform target(test::fresh_db_url(GetParam()), source->config.secret_file);
  auto restored = db::restore_backup(*target->db, target->tables(), file);
  EXPECT_EQ(restored.rows, written.rows);
  for (const auto& table : source->tables())
    EXPECT_EQ(count(*target, "SELECT COUNT(*) FROM " + table),
              count(*source, "SELECT COUNT(*) FROM " + table))
        << table;
  auto lease = target->db->lease();
  EXPECT_TRUE(audit::verify(lease).ok);
  // New rows continue after the restored ids.
  auto id = auth::insert_account(lease, {0, "after-restore", "x", "h", "active", 1});
  EXPECT_GT(id, count(*source, "SELECT MAX(id) FROM accounts"));
}

TEST_P(Storage, RestoreRebuildsTheAppealSearchIndex) {
  TestPlatform source(GetParam());
  core::load_demo(*source);
  std::stringstream file;
  db::write_backup(*source->db, source->tables(), file);
  TestPlatform target(test::fresh_db_url(GetParam()), source->config.secret_file);
  db::restore_backup(*target->db, target->tables(), file);
  auto lease = target->db->lease();
  appeals::Filter noise;
  noise.text = "噪音";
  EXPECT_TRUE(appeals::search(lease, noise, 50, 0).empty());  // derived data is not in a backup
  for (auto& m : target->modules)
    if (m.after_restore) m.after_restore(*target, lease);
  auto source_lease = source->db->lease();
  auto expected = appeals::search(source_lease, noise, 50, 0);
  EXPECT_EQ(expected.size(), 2u);  // two demo appeals say 噪音 (a third says 噪声)
  EXPECT_EQ(appeals::search(lease, noise, 50, 0).size(), expected.size());
}

TEST_P(Storage, UploadsRoundTripByteForByte) {
  TestPlatform tp(GetParam());
  std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string("\0\xff\x01 raw", 8);
  auto lease = tp->db->lease();
  auto stored = uploads::store(lease, png, "C:\\photos\\门口.png", true, 0, 1);
  EXPECT_EQ(stored.content_type, "image/png");
  EXPECT_EQ(stored.original_name, "门口.png");
  auto back = uploads::load(lease, stored.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->bytes, png);
  EXPECT_THROW(uploads::store(lease, "plain text", "a.png", true, 0, 1), std::invalid_argument);
  EXPECT_FALSE(uploads::load(lease, stored.id + 100));
}

TEST_P(Storage, RestoreRefusesADamagedFileAndChangesNothing) {
  TestPlatform source(GetParam());
  core::load_demo(*source);
  std::stringstream file;
  db::write_backup(*source->db, source->tables(), file);
  std::string text = file.str();
  text.resize(text.size() / 2);
  text += "\n[\"truncated\"\n";
  TestPlatform target(GetParam());
  test::add_minimal_tree(*target);
  std::stringstream damaged(text);
  EXPECT_THROW(db::restore_backup(*target->db, target->tables(), damaged), std::exception);
  EXPECT_EQ(count(*target, "SELECT COUNT(*) FROM org_units"), 8);
}

SILIAN_ON_BOTH_ENGINES(Storage);

// A district that outgrows SQLite moves to PostgreSQL through a backup, and back.
TEST(CrossEngineBackup, SqliteToPostgresqlAndBack) {
  TestPlatform lite(db::Engine::sqlite);
  core::load_demo(*lite);
  {
    auto lease = lite->db->lease();
    db::Transaction tx(lease);
    audit::append(lease, {1, "test.marker", "x", "1", "迁移前"}, lite->clock.now());
    tx.commit();
  }
  std::stringstream first;
  db::write_backup(*lite->db, lite->tables(), first);
  TestPlatform pg(test::fresh_db_url(db::Engine::postgresql), lite->config.secret_file);
  db::restore_backup(*pg->db, pg->tables(), first);
  for (const auto& table : lite->tables())
    EXPECT_EQ(count(*pg, "SELECT COUNT(*) FROM " + table),
              count(*lite, "SELECT COUNT(*) FROM " + table))
        << table;
  {
    auto lease = pg->db->lease();
    EXPECT_TRUE(audit::verify(lease).ok);
    // Encrypted phones still open with the shared key.
    std::string sealed;
    lease.session() << "SELECT phone_sealed FROM residents ORDER BY id LIMIT 1", soci::into(sealed);
    EXPECT_TRUE(pg->vault.open(sealed).has_value());
    db::Transaction tx(lease);
    audit::append(lease, {1, "test.marker", "x", "2", "迁移后"}, pg->clock.now());
    tx.commit();
  }
  std::stringstream second;
  db::write_backup(*pg->db, pg->tables(), second);
  TestPlatform back(db::Engine::sqlite);
  db::restore_backup(*back->db, back->tables(), second);
  EXPECT_EQ(count(*back, "SELECT COUNT(*) FROM audit_entries"),
            count(*lite, "SELECT COUNT(*) FROM audit_entries") + 1);
  EXPECT_EQ(count(*back, "SELECT COUNT(*) FROM residents"),
            count(*lite, "SELECT COUNT(*) FROM residents"));
  auto lease = back->db->lease();
  EXPECT_TRUE(audit::verify(lease).ok);
  std::string detail;
  lease.session()
      << "SELECT detail FROM audit_entries WHERE action = 'test.marker' ORDER BY seq DESC LIMIT 1",
      soci::into(detail);
  EXPECT_EQ(detail, "迁移后");
}

// Every table the migrations create is in some module's backup list (or is derived data
// rebuilt after a restore), so a backup never silently leaves a table out.
TEST(BackupCoverage, EveryTableIsBackedUp) {
  TestPlatform tp(db::Engine::sqlite);
  auto listed = tp->tables();
  std::set<std::string> backed_up(listed.begin(), listed.end());
  EXPECT_EQ(backed_up.size(), listed.size()) << "a table is listed twice";
  auto lease = tp->db->lease();
  std::string name;
  soci::statement st = (lease.session().prepare << "SELECT name FROM sqlite_master WHERE type = "
                                                   "'table' ORDER BY name",
                        soci::into(name));
  st.execute();
  while (st.fetch()) {
    // SQLite's own tables, the migration log, and the full-text index (rebuilt by
    // after_restore) with its FTS5 shadow tables.
    if (name.starts_with("sqlite_") || name == "schema_versions" ||
        name.starts_with("appeal_search"))
      continue;
    EXPECT_TRUE(backed_up.contains(name)) << name << " is not in any module's backup tables";
  }
}
