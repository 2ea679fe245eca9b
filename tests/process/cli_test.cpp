// The `silian` command as operators and outside tests use it.
#include <gtest/gtest.h>

#include <fstream>

#include "process/process_support.hpp"
#include "support/test_platform.hpp"

using namespace silian::test;

TEST(Cli, UnknownFlagsAndBadUrlsFailClearly) {
  auto flag = run_silian({"serve", "--bogus"});
  EXPECT_NE(flag.exit_code, 0);
  EXPECT_NE(flag.output.find("--bogus"), std::string::npos) << flag.output;
  auto url = run_silian({"migrate", "--db", "mysql://x"});
  EXPECT_EQ(url.exit_code, 2);
  EXPECT_NE(url.output.find("unsupported database URL"), std::string::npos) << url.output;
  auto none = run_silian({});
  EXPECT_NE(none.exit_code, 0);
  auto tick = run_silian({"tick", "--at", "yesterday", "--db", "sqlite:" + temp_dir() + "/x.db"});
  EXPECT_EQ(tick.exit_code, 2);
  EXPECT_NE(tick.output.find("ISO-8601"), std::string::npos);
}

TEST(Cli, MigrateDemoUserAddTickAndVerify) {
  auto dir = temp_dir();
  auto db = "sqlite:" + dir + "/silian.db";
  auto env = site_env(dir);
  auto migrate = run_silian({"migrate", "--db", db}, env);
  EXPECT_EQ(migrate.exit_code, 0) << migrate.output;
  EXPECT_EQ(migrate.output.find("applied 0 migration(s)"), std::string::npos) << migrate.output;
  EXPECT_NE(migrate.output.find("migration(s)"), std::string::npos) << migrate.output;
  EXPECT_NE(run_silian({"migrate", "--db", db}, env).output.find("applied 0 migration(s)"),
            std::string::npos);
  EXPECT_NE(run_silian({"demo", "--db", db}, env).output.find("demo district loaded"),
            std::string::npos);
  EXPECT_NE(run_silian({"demo", "--db", db}, env).output.find("already loaded"), std::string::npos);
  auto add = run_silian({"user", "add", "--db", db, "--username", "ops", "--password",
                         "long-password", "--role", "auditor", "--unit", "chongan"},
                        env);
  EXPECT_EQ(add.exit_code, 0) << add.output;
  auto dup = run_silian({"user", "add", "--db", db, "--username", "ops", "--password",
                         "long-password", "--role", "auditor", "--unit", "chongan"},
                        env);
  EXPECT_EQ(dup.exit_code, 2);
  auto bad_role = run_silian({"user", "add", "--db", db, "--username", "x1", "--password",
                              "long-password", "--role", "king", "--unit", "chongan"},
                             env);
  EXPECT_NE(bad_role.output.find("unknown role"), std::string::npos);
  auto tick = run_silian({"tick", "--db", db, "--at", "2030-01-01T08:00:00+08:00"}, env);
  EXPECT_EQ(tick.exit_code, 0) << tick.output;
  EXPECT_NE(tick.output.find("2030-01-01T00:00:00Z"), std::string::npos);
  auto verify = run_silian({"audit", "verify", "--db", db}, env);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("intact"), std::string::npos);
}

TEST(Cli, AuditVerifyNamesTheFirstBrokenLink) {
  auto dir = temp_dir();
  auto db = "sqlite:" + dir + "/silian.db";
  auto env = site_env(dir);
  run_silian({"demo", "--db", db}, env);
  for (int i = 0; i < 3; ++i)
    run_silian({"user", "add", "--db", db, "--username", "u" + std::to_string(i), "--password",
                "long-password", "--role", "leader", "--unit", "chongan"},
               env);
  {
    silian::db::Database raw(*silian::db::DbUrl::parse(db), 1);
    auto lease = raw.lease();
    lease.session() << "UPDATE audit_entries SET detail = 'u9 volunteer' WHERE seq = 3";
  }
  auto altered = run_silian({"audit", "verify", "--db", db}, env);
  EXPECT_EQ(altered.exit_code, 1);
  EXPECT_NE(altered.output.find("BROKEN at entry 3"), std::string::npos) << altered.output;
  {
    silian::db::Database raw(*silian::db::DbUrl::parse(db), 1);
    auto lease = raw.lease();
    lease.session() << "DELETE FROM audit_entries WHERE seq = 2";
  }
  auto removed = run_silian({"audit", "verify", "--db", db}, env);
  EXPECT_EQ(removed.exit_code, 1);
  EXPECT_NE(removed.output.find("BROKEN at entry 2"), std::string::npos) << removed.output;
}

TEST(Cli, BackupMovesADistrictBetweenEnginesBothWays) {
  auto dir = temp_dir();
  auto env = site_env(dir);
  auto lite = "sqlite:" + dir + "/silian.db";
  run_silian({"demo", "--db", lite}, env);
  auto to = run_silian({"backup", "--db", lite, "--to", dir + "/one.backup"}, env);
  ASSERT_EQ(to.exit_code, 0) << to.output;
  auto pg = fresh_db_url(silian::db::Engine::postgresql);
  auto restore = run_silian({"restore", "--db", pg, "--from", dir + "/one.backup"}, env);
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_EQ(run_silian({"audit", "verify", "--db", pg}, env).exit_code, 0);
  run_silian({"user", "add", "--db", pg, "--username", "after.move", "--password", "long-password",
              "--role", "leader", "--unit", "chongan"},
             env);
  ASSERT_EQ(run_silian({"backup", "--db", pg, "--to", dir + "/two.backup"}, env).exit_code, 0);
  auto back = "sqlite:" + dir + "/back.db";
  ASSERT_EQ(run_silian({"restore", "--db", back, "--from", dir + "/two.backup"}, env).exit_code, 0);
  EXPECT_EQ(run_silian({"audit", "verify", "--db", back}, env).exit_code, 0);
  silian::db::Database raw(*silian::db::DbUrl::parse(back), 1);
  auto lease = raw.lease();
  int n = 0;
  lease.session() << "SELECT COUNT(*) FROM accounts WHERE username = 'after.move'", soci::into(n);
  EXPECT_EQ(n, 1);
  auto missing = run_silian({"restore", "--db", back, "--from", dir + "/nope.backup"}, env);
  EXPECT_NE(missing.exit_code, 0);
}

TEST(Cli, ServeOnAPortInUseFailsClearlyInsteadOfAborting) {
  auto dir = temp_dir();
  auto db = "sqlite:" + dir + "/silian.db";
  auto env = site_env(dir);
  ServerProcess first(db, env);
  auto second = run_silian(
      {"serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(first.port())}, env);
  EXPECT_EQ(second.exit_code, 2) << second.output;  // not 134 (SIGABRT)
  EXPECT_NE(second.output.find("silian: "), std::string::npos) << second.output;
}
