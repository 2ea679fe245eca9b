#pragma once
// The one connection pool of a process, sized to the worker threads. Only storage code
// includes this header (it pulls in SOCI).
#include <soci/soci.h>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "silian/platform/db/db_url.hpp"

namespace silian::db {
class Database;

// Thrown when no pooled session frees up in time (answered as 503).
struct PoolExhausted : std::runtime_error {
  PoolExhausted() : std::runtime_error("no database session became free in time") {}
};

// A session leased from the pool for the duration of one request or command. A lease
// taken on a thread that already holds one from the same pool shares that session, so
// nested helpers never wait for a second connection (and see the same transaction).
class Lease {
 public:
  Lease(Database& db, std::size_t index, bool owner);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& operator*() { return *session_; }
  soci::session* operator->() { return session_; }
  soci::session& session() { return *session_; }
  Engine engine() const;

 private:
  Database& db_;
  std::size_t index_;
  bool owner_;
  soci::session* session_;
};

class Database {
 public:
  Database(DbUrl url, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Lease lease();
  Engine engine() const { return url_.engine; }
  const DbUrl& url() const { return url_; }
  std::size_t pool_size() const { return pool_size_; }
  std::size_t in_use() const { return in_use_.load(); }

  // A number that has grown since any write was committed to the database, by this
  // process or any other, before the call: what the page cache keys on (ADR 0012). Empty
  // when the engine cannot tell (PostgreSQL, SQLite without WAL), so nothing is cached.
  std::optional<std::uint64_t> change_generation();

 private:
  friend class Lease;
  struct ChangeObserver;
  DbUrl url_;
  std::size_t pool_size_;
  // SQLite in WAL mode only: a connection of its own that never writes, so that its
  // PRAGMA data_version changes with every commit of every other connection.
  std::unique_ptr<ChangeObserver> observer_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<std::size_t> in_use_{0};
};

// An explicit write transaction. On SQLite it takes the write lock up front (BEGIN
// IMMEDIATE) so that a read-then-write never fails half-way with SQLITE_BUSY; on
// PostgreSQL it is a plain READ COMMITTED transaction. Rolls back unless committed.
// Inside another transaction on the same session it is a savepoint.
class Transaction {
 public:
  explicit Transaction(Lease& lease);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Lease& lease_;
  std::string savepoint_;  // empty for the outermost transaction
  bool open_ = true;
};

// A LIKE pattern matching `text` anywhere, with % _ and \ in the text taken literally;
// use with ESCAPE '\'.
std::string like_contains(const std::string& text);

// True when the error is a uniqueness violation (both engines).
bool is_unique_violation(const soci::soci_error& error);
}  // namespace silian::db
