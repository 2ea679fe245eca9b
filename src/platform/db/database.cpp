#include "silian/platform/db/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <filesystem>

namespace silian::db {
namespace {
void configure_sqlite(soci::session& s) {
  // WAL with synchronous=FULL: a commit is fsynced to the WAL before it returns, so a
  // committed write survives power loss (NORMAL would only survive an application crash).
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA synchronous=FULL";
  s << "PRAGMA foreign_keys=ON";
  s << "PRAGMA busy_timeout=15000";
}
}  // namespace

Database::Database(DbUrl url, std::size_t pool_size)
    : url_(std::move(url)),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {
  if (url_.engine == Engine::sqlite) {
    auto parent = std::filesystem::path(url_.target).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  for (std::size_t i = 0; i < pool_size_; ++i) {
    soci::session& s = pool_->at(i);
    if (url_.engine == Engine::sqlite) {
      s.open(*soci::factory_sqlite3(), "db=\"" + url_.target + "\" timeout=15");
      configure_sqlite(s);
    } else {
      s.open(*soci::factory_postgresql(), url_.libpq_keywords());
      s << "SET client_min_messages TO WARNING";
    }
  }
}

Database::~Database() = default;

Lease Database::lease() { return Lease(*this, pool_->lease()); }

Lease::Lease(Database& db, std::size_t index)
    : db_(db), index_(index), session_(&db.pool_->at(index)) {
  db_.in_use_.fetch_add(1);
}

Lease::~Lease() {
  db_.in_use_.fetch_sub(1);
  db_.pool_->give_back(index_);
}

Engine Lease::engine() const { return db_.engine(); }

Transaction::Transaction(Lease& lease) : lease_(lease) {
  if (lease_.engine() == Engine::sqlite) {
    lease_.session() << "BEGIN IMMEDIATE";
  } else {
    lease_.session() << "BEGIN";
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    lease_.session() << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::error("event=rollback_failed error=\"{}\"", e.what());
  }
}

void Transaction::commit() {
  lease_.session() << "COMMIT";
  open_ = false;
}

bool is_unique_violation(const soci::soci_error& error) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    return pg->sqlstate() == "23505";
  }
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    return lite->result() == 19 /* SQLITE_CONSTRAINT */ &&
           std::string(error.what()).find("UNIQUE") != std::string::npos;
  }
  return false;
}
}  // namespace silian::db
