#include "silian/platform/db/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <filesystem>
#include <mutex>
#include <vector>

#include "silian/platform/db/sqlite_statement_cache.hpp"

namespace silian::db {
namespace {
// SQLite counts every allocation under one process-wide mutex unless told not to, and
// with a pool of worker threads that mutex became a point of contention. Only possible
// before SQLite initialises, so on the first pool; later it is a harmless no-op.
void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

void configure_sqlite(soci::session& s) {
  // WAL with synchronous=FULL: a commit is fsynced to the WAL before it returns, so a
  // committed write survives power loss (NORMAL would only survive an application crash).
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA synchronous=FULL";
  s << "PRAGMA foreign_keys=ON";
  s << "PRAGMA busy_timeout=15000";
}
}  // namespace

// A connection that only ever reads PRAGMA data_version. The value changes whenever
// another connection (a pooled session, another process) has committed since the last
// read, so every change of the generation follows the commit it stands for, and one
// commit moves it once however many sessions there are.
struct Database::ChangeObserver {
  std::mutex mutex;
  sqlite_api::sqlite3* connection = nullptr;
  sqlite_api::sqlite3_stmt* statement = nullptr;
  std::int64_t seen = -1;
  std::uint64_t generation = 0;

  explicit ChangeObserver(const std::string& path) {
    if (sqlite_api::sqlite3_open_v2(path.c_str(), &connection, SQLITE_OPEN_READWRITE, nullptr) !=
            SQLITE_OK ||
        sqlite_api::sqlite3_prepare_v2(connection, "PRAGMA data_version", -1, &statement,
                                       nullptr) != SQLITE_OK) {
      std::string error = connection ? sqlite_api::sqlite3_errmsg(connection) : "out of memory";
      close();
      throw std::runtime_error("cannot watch the database for changes: " + error);
    }
  }
  ~ChangeObserver() { close(); }
  ChangeObserver(const ChangeObserver&) = delete;
  ChangeObserver& operator=(const ChangeObserver&) = delete;

  std::optional<std::uint64_t> check() {
    std::lock_guard lock(mutex);
    int rc = sqlite_api::sqlite3_step(statement);
    std::int64_t version = rc == SQLITE_ROW ? sqlite_api::sqlite3_column_int64(statement, 0) : -1;
    sqlite_api::sqlite3_reset(statement);       // ends the read transaction at once
    if (rc != SQLITE_ROW) return std::nullopt;  // cannot tell: nothing is cached
    if (version != seen) {
      seen = version;
      ++generation;
    }
    return generation;
  }

 private:
  void close() {
    sqlite_api::sqlite3_finalize(statement);
    sqlite_api::sqlite3_close(connection);
    statement = nullptr;
    connection = nullptr;
  }
};

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
      configure_sqlite_library();
      s.open(*soci::factory_sqlite3(), "db=\"" + url_.target + "\" timeout=15");
      enrol_in_statement_cache(static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_);
      configure_sqlite(s);
      // An in-memory database has no WAL, and every connection to it is another database.
      std::string mode;
      if (i == 0) {
        s << "PRAGMA journal_mode", soci::into(mode);
        if (mode == "wal") observer_ = std::make_unique<ChangeObserver>(url_.target);
      }
    } else {
      s.open(*soci::factory_postgresql(), url_.libpq_keywords());
      s << "SET client_min_messages TO WARNING";
    }
  }
}

Database::~Database() = default;

namespace {
// The sessions this thread holds, per pool, with their nesting depth.
struct Held {
  const Database* db;
  std::size_t index;
  int depth;
};
thread_local std::vector<Held> t_held;

Held* held_by_this_thread(const Database* db) {
  for (auto& h : t_held)
    if (h.db == db) return &h;
  return nullptr;
}
constexpr int k_lease_timeout_ms = 30000;
}  // namespace

Lease Database::lease() {
  if (Held* h = held_by_this_thread(this)) {
    ++h->depth;
    return Lease(*this, h->index, false);
  }
  std::size_t index = 0;
  if (!pool_->try_lease(index, k_lease_timeout_ms)) throw PoolExhausted();
  t_held.push_back({this, index, 1});
  return Lease(*this, index, true);
}

Lease::Lease(Database& db, std::size_t index, bool owner)
    : db_(db), index_(index), owner_(owner), session_(&db.pool_->at(index)) {
  if (owner_) db_.in_use_.fetch_add(1);
}

Lease::~Lease() {
  Held* h = held_by_this_thread(&db_);
  if (h != nullptr && --h->depth == 0) {
    t_held.erase(t_held.begin() + (h - t_held.data()));
  }
  if (owner_) {
    db_.in_use_.fetch_sub(1);
    db_.pool_->give_back(index_);
  }
}

Engine Lease::engine() const { return db_.engine(); }

std::optional<std::uint64_t> Database::change_generation() {
  if (!observer_) return std::nullopt;
  return observer_->check();
}

namespace {
// Open transactions per session on this thread: a nested Transaction becomes a savepoint.
thread_local std::vector<std::pair<const soci::session*, int>> t_open;

int& open_depth(const soci::session* s) {
  for (auto& [session, depth] : t_open)
    if (session == s) return depth;
  t_open.emplace_back(s, 0);
  return t_open.back().second;
}

void forget_if_closed(const soci::session* s) {
  std::erase_if(t_open, [s](const auto& e) { return e.first == s && e.second == 0; });
}
}  // namespace

Transaction::Transaction(Lease& lease) : lease_(lease) {
  int& depth = open_depth(&lease_.session());
  if (depth > 0) {
    savepoint_ = "sp_" + std::to_string(depth);
    lease_.session() << "SAVEPOINT " + savepoint_;
  } else if (lease_.engine() == Engine::sqlite) {
    lease_.session() << "BEGIN IMMEDIATE";
  } else {
    lease_.session() << "BEGIN";
  }
  ++depth;
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    lease_.session() << (savepoint_.empty() ? std::string("ROLLBACK")
                                            : "ROLLBACK TO SAVEPOINT " + savepoint_);
  } catch (const std::exception& e) {
    spdlog::error("event=rollback_failed error=\"{}\"", e.what());
  }
  --open_depth(&lease_.session());
  forget_if_closed(&lease_.session());
}

void Transaction::commit() {
  lease_.session() << (savepoint_.empty() ? std::string("COMMIT")
                                          : "RELEASE SAVEPOINT " + savepoint_);
  open_ = false;
  --open_depth(&lease_.session());
  forget_if_closed(&lease_.session());
}

std::string like_contains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
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
