// The `silian` command: serve, migrate, demo, user add, tick, audit verify, backup,
// restore. Every command takes --db URL.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "silian/app/modules.hpp"
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/roles.hpp"
#include "silian/platform/core/demo.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/db/backup.hpp"
#include "silian/platform/http/server.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/record/public_record.hpp"

namespace {
using silian::Config;
using silian::Platform;

struct Options {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string at, to, from, username, name, password, role, unit;
};

std::unique_ptr<Platform> open_platform(const Options& o, silian::Clock& clock) {
  Config config;
  config.apply_environment();
  if (!o.db.empty()) config.db_url = o.db;
  auto url = silian::db::DbUrl::parse(config.db_url);
  if (!url) throw std::invalid_argument(url.error());
  return std::make_unique<Platform>(config, clock, silian::app::modules());
}

int serve(const Options& o) {
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT");
  std::string host = o.listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(o.listen.substr(colon + 1));
  } catch (const std::exception&) {
    port = 0;
  }
  if (port <= 0 || port > 65535) throw std::invalid_argument("--listen port must be 1-65535");
  silian::SystemClock clock;
  auto p = open_platform(o, clock);
  p->migrate();
  spdlog::info("event=database_open url={}", p->db->url().describe());
  std::atomic<bool> running{true};
  // Due jobs run on every node; claiming makes each run exactly once across nodes.
  std::thread ticker([&] {
    while (running.load()) {
      try {
        // A full batch means more are due: go on at once rather than let a backlog of
        // deliveries grow by a batch every tick under heavy intake.
        auto ran = silian::jobs::run_due(*p->db, p->jobs, clock.now(), p->config.node_name);
        if (ran.done + ran.failed >= 1000) continue;
      } catch (const std::exception& e) {
        spdlog::error("event=job_tick_failed error=\"{}\"", e.what());
      }
      for (int i = 0; i < p->config.tick_seconds * 10 && running.load(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  // RESTinio stops on SIGINT; treat SIGTERM (systemd, container runtimes) the same.
  std::signal(SIGTERM, [](int) { std::raise(SIGINT); });
  // The ticker stops however serving ends: a port already in use throws here, and a
  // joinable thread left behind would abort the process instead of reporting it.
  struct StopTicker {
    std::atomic<bool>& running;
    std::thread& ticker;
    ~StopTicker() {
      running.store(false);
      if (ticker.joinable()) ticker.join();
    }
  } stop{running, ticker};
  silian::http::serve(*p, host, static_cast<unsigned short>(port));
  return 0;
}

int user_add(const Options& o) {
  if (!silian::auth::is_role(o.role)) throw std::invalid_argument("unknown role '" + o.role + "'");
  if (o.password.size() < 8)
    throw std::invalid_argument("the password needs at least 8 characters");
  silian::SystemClock clock;
  auto p = open_platform(o, clock);
  p->migrate();
  auto lease = p->db->lease();
  auto unit = silian::org::find_unit_by_code(lease, o.unit);
  if (!unit) throw std::invalid_argument("no org unit with code '" + o.unit + "'");
  if (!silian::auth::role_fits_unit(o.role, unit->kind))
    throw std::invalid_argument("role " + o.role + " cannot be held at a " + unit->kind);
  if (silian::auth::find_account_by_username(lease, o.username))
    throw std::invalid_argument("username '" + o.username + "' is taken");
  auto now = clock.now();
  silian::db::Transaction tx(lease);
  auto hash = silian::crypto::hash_password(o.password, p->config.password_cost);
  auto id = silian::auth::insert_account(
      lease, {0, o.username, o.name.empty() ? o.username : o.name, hash, "active", now});
  silian::auth::assign_role(lease, id, o.role, unit->id, 0, now);
  silian::audit::append(
      lease, {0, "org.account.create", "account", std::to_string(id), o.username + " " + o.role},
      now);
  tx.commit();
  std::cout << "created account " << o.username << " (id " << id << ") as " << o.role << " at "
            << o.unit << "\n";
  return 0;
}

int tick(const Options& o) {
  auto at = silian::parse_iso8601(o.at);
  if (!at)
    throw std::invalid_argument("--at must be an ISO-8601 time such as 2026-03-01T08:00:00+08:00");
  silian::FixedClock clock(*at);
  auto p = open_platform(o, clock);
  p->migrate();
  auto result = silian::jobs::run_due(*p->db, p->jobs, *at, p->config.node_name);
  std::cout << "ran " << result.done << " due job(s), " << result.failed << " failed, at "
            << silian::format_iso8601_utc(*at) << "\n";
  return result.failed > 0 ? 1 : 0;
}

int audit_verify(const Options& o) {
  silian::SystemClock clock;
  auto p = open_platform(o, clock);
  auto lease = p->db->lease();
  auto report = silian::audit::verify(lease);
  int status = 0;
  if (report.ok) {
    std::cout << "audit trail intact: " << report.entries << " entries verified\n";
  } else {
    std::cout << "audit trail BROKEN at entry " << *report.broken_seq << ": " << report.reason
              << "\n";
    status = 1;
  }
  // The public record (decisions, tallies, sign-offs) is a chain of its own.
  auto published = silian::record::verify(lease);
  if (published.ok) {
    std::cout << "public record intact: " << published.entries << " entries verified, head "
              << (published.head_hash.empty() ? "-" : published.head_hash) << "\n";
  } else {
    std::cout << "public record BROKEN at entry " << *published.broken_seq << ": "
              << published.reason << "\n";
    status = 1;
  }
  return status;
}

int backup(const Options& o) {
  silian::SystemClock clock;
  auto p = open_platform(o, clock);
  std::string tmp = o.to + ".partial";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + o.to);
  auto stats = silian::db::write_backup(*p->db, p->tables(), out);
  out.close();
  std::filesystem::rename(tmp, o.to);
  std::cout << "backup written to " << o.to << ": " << stats.tables << " tables, " << stats.rows
            << " rows\n";
  return 0;
}

int restore(const Options& o) {
  silian::SystemClock clock;
  auto p = open_platform(o, clock);
  p->migrate();
  std::ifstream in(o.from, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + o.from);
  auto stats = silian::db::restore_backup(*p->db, p->tables(), in);
  {
    auto lease = p->db->lease();
    silian::db::Transaction tx(lease);
    for (auto& m : p->modules)
      if (m.after_restore) m.after_restore(*p, lease);
    tx.commit();
  }
  std::cout << "restored " << stats.rows << " rows into " << stats.tables << " tables from "
            << o.from << "\n";
  return 0;
}
int apikey_create(const Options& o) {
  if (o.name.empty() || o.name.size() > 100)
    throw std::invalid_argument("--name must be 1 to 100 characters");
  silian::SystemClock clock;
  auto p = open_platform(o, clock);
  p->migrate();
  auto lease = p->db->lease();
  silian::db::Transaction tx(lease);
  std::int64_t id = 0;
  auto key = silian::appeals::create_api_key(lease, o.name, 0, clock.now(), &id);
  silian::audit::append(lease, {0, "appeals.apikey.create", "api_key", std::to_string(id), o.name},
                        clock.now());
  tx.commit();
  std::cout << key << "\n";  // stdout carries only the key, for scripts
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  silian::crypto::init();
  // Logs go to stderr as key=value lines; stdout carries only command results.
  auto logger = spdlog::stderr_logger_mt("silian");
  logger->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
  spdlog::set_default_logger(logger);
  CLI::App app{"Silian (四联) community co-governance platform"};
  app.require_subcommand(1);
  Options o;
  auto with_db = [&o](CLI::App* cmd) {
    cmd->add_option("--db", o.db, "database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB");
    return cmd;
  };
  auto* serve_cmd = with_db(app.add_subcommand("serve", "serve the web application"));
  serve_cmd->add_option("--listen", o.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  auto* migrate_cmd = with_db(app.add_subcommand("migrate", "apply pending schema migrations"));
  auto* demo_cmd = with_db(app.add_subcommand("demo", "load the demo district (idempotent)"));
  auto* user_cmd = app.add_subcommand("user", "manage accounts");
  user_cmd->require_subcommand(1);
  auto* user_add_cmd =
      with_db(user_cmd->add_subcommand("add", "create an account with a role at an org unit"));
  user_add_cmd->add_option("--username", o.username, "login name")->required();
  user_add_cmd->add_option("--password", o.password, "initial password (8+ characters)")
      ->required();
  user_add_cmd->add_option("--role", o.role, "role, e.g. district_admin")->required();
  user_add_cmd->add_option("--unit", o.unit, "org unit code the role is scoped to")->required();
  user_add_cmd->add_option("--name", o.name, "display name");
  auto* tick_cmd = with_db(app.add_subcommand("tick", "run the jobs due at a moment"));
  tick_cmd->add_option("--at", o.at, "ISO-8601 moment")->required();
  auto* audit_cmd = app.add_subcommand("audit", "audit trail");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = with_db(audit_cmd->add_subcommand("verify", "verify the hash chain"));
  auto* backup_cmd = with_db(app.add_subcommand("backup", "write an engine-neutral backup"));
  backup_cmd->add_option("--to", o.to, "backup file")->required();
  auto* restore_cmd =
      with_db(app.add_subcommand("restore", "restore a backup (replaces all data)"));
  restore_cmd->add_option("--from", o.from, "backup file")->required()->check(CLI::ExistingFile);

  auto* apikey_cmd = app.add_subcommand("apikey", "Open311 API keys");
  apikey_cmd->require_subcommand(1);
  auto* apikey_create_cmd =
      with_db(apikey_cmd->add_subcommand("create", "print a new Open311 api_key"));
  apikey_create_cmd->add_option("--name", o.name, "who the key is for")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*serve_cmd) return serve(o);
    if (*migrate_cmd) {
      silian::SystemClock clock;
      auto p = open_platform(o, clock);
      int applied = p->migrate();
      std::cout << "applied " << applied << " migration(s)\n";
      return 0;
    }
    if (*demo_cmd) {
      silian::SystemClock clock;
      auto p = open_platform(o, clock);
      p->migrate();
      std::cout << (silian::core::load_demo(*p) ? "demo district loaded\n"
                                                : "demo district already loaded\n");
      return 0;
    }
    if (*user_add_cmd) return user_add(o);
    if (*tick_cmd) return tick(o);
    if (*verify_cmd) return audit_verify(o);
    if (*backup_cmd) return backup(o);
    if (*restore_cmd) return restore(o);
    if (*apikey_create_cmd) return apikey_create(o);
  } catch (const std::exception& e) {
    std::cerr << "silian: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
