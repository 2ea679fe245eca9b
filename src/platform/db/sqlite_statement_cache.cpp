// A prepared-statement cache under SOCI, for SQLite (ADR 0009).
//
// SOCI prepares every statement on every call and finalizes it afterwards; on a page of
// a dozen queries SQLite's parser and planner were about a third of the CPU. SOCI has no
// hook for a cache, so this file interposes the sqlite3 functions its SQLite backend
// calls: the executable's own definitions come first in the dynamic symbol
// search, and the real ones are found with dlsym(RTLD_NEXT).
//
//   sqlite3_prepare_v2  hands out an idle statement prepared earlier for the same SQL on
//                       the same connection, or prepares a new one;
//   sqlite3_finalize    resets the statement, clears its bindings and keeps it idle
//                       (a reset statement holds no read snapshot and no lock);
//   sqlite3_close(_v2)  finalizes the connection's idle statements for real first.
//
// A statement handed out is not in the cache, so two live statements never share one.
// Each connection keeps at most k_capacity idle statements, least recently used evicted.
// A connection the cache has not seen (raw sqlite3 use elsewhere) passes straight
// through, as does every call while a connection is closing.
#include <dlfcn.h>
#include <sqlite3.h>

#include <cstring>
#include <list>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "silian/platform/db/sqlite_statement_cache.hpp"

namespace {
using PrepareFn = int (*)(sqlite3*, const char*, int, sqlite3_stmt**, const char**);
using FinalizeFn = int (*)(sqlite3_stmt*);
using CloseFn = int (*)(sqlite3*);

template <typename Fn>
Fn real(const char* name) {
  auto fn = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
  if (fn == nullptr) throw std::runtime_error(std::string("sqlite3 symbol not found: ") + name);
  return fn;
}
PrepareFn real_prepare() {
  static const PrepareFn fn = real<PrepareFn>("sqlite3_prepare_v2");
  return fn;
}
FinalizeFn real_finalize() {
  static const FinalizeFn fn = real<FinalizeFn>("sqlite3_finalize");
  return fn;
}
CloseFn real_close() {
  static const CloseFn fn = real<CloseFn>("sqlite3_close");
  return fn;
}
CloseFn real_close_v2() {
  static const CloseFn fn = real<CloseFn>("sqlite3_close_v2");
  return fn;
}

constexpr std::size_t k_capacity = 128;

// Above zero while this thread is inside SQLite's own prepare. SQLite prepares statements
// internally through the same public functions (loading the schema from inside
// sqlite3_prepare_v2); those must stay SQLite's business, so they pass straight through
// and are never cached.
thread_local int t_inside_sqlite = 0;
struct InsideSqlite {
  InsideSqlite() { ++t_inside_sqlite; }
  ~InsideSqlite() { --t_inside_sqlite; }
  InsideSqlite(const InsideSqlite&) = delete;
  InsideSqlite& operator=(const InsideSqlite&) = delete;
};

struct Idle {
  std::string sql;
  sqlite3_stmt* stmt;
  std::size_t tail;  // offset of the unparsed rest of the SQL text
};

// The idle statements of one connection, most recently used first.
struct ConnectionCache {
  std::list<Idle> idle;
  std::unordered_multimap<std::string, std::list<Idle>::iterator> by_sql;
  // Statements handed out, with their SQL and tail offset, until they are finalized.
  std::unordered_map<sqlite3_stmt*, std::pair<std::string, std::size_t>> out;
};

std::mutex g_mutex;
std::unordered_map<sqlite3*, ConnectionCache> g_caches;  // enrolled connections

// Finalizes (for real) every idle statement of the connection; returns them.
void drop_connection(sqlite3* db) {
  std::list<Idle> idle;
  {
    std::lock_guard lock(g_mutex);
    auto it = g_caches.find(db);
    if (it == g_caches.end()) return;
    idle = std::move(it->second.idle);
    g_caches.erase(it);
  }
  for (auto& i : idle) real_finalize()(i.stmt);
}
}  // namespace

namespace silian::db {
void enrol_in_statement_cache(void* connection) {
  auto* db = static_cast<sqlite3*>(connection);
  // Resolve the real functions now, while nothing is in flight.
  real_prepare();
  real_finalize();
  real_close();
  real_close_v2();
  std::lock_guard lock(g_mutex);
  g_caches.try_emplace(db);
}

StatementCacheStats statement_cache_stats(void* connection) {
  std::lock_guard lock(g_mutex);
  auto it = g_caches.find(static_cast<sqlite3*>(connection));
  if (it == g_caches.end()) return {};
  return {it->second.idle.size(), it->second.out.size()};
}
}  // namespace silian::db

extern "C" {
int sqlite3_prepare_v2(sqlite3* db, const char* sql, int bytes, sqlite3_stmt** stmt,
                       const char** tail) {
  if (t_inside_sqlite > 0) return real_prepare()(db, sql, bytes, stmt, tail);
  std::size_t length = bytes < 0 ? std::strlen(sql) : static_cast<std::size_t>(bytes);
  std::string key(sql, length);
  {
    std::lock_guard lock(g_mutex);
    auto cache = g_caches.find(db);
    if (cache != g_caches.end()) {
      auto& c = cache->second;
      auto hit = c.by_sql.find(key);
      if (hit != c.by_sql.end()) {
        Idle idle = std::move(*hit->second);
        c.idle.erase(hit->second);
        c.by_sql.erase(hit);
        *stmt = idle.stmt;
        if (tail != nullptr) *tail = sql + idle.tail;
        c.out.emplace(idle.stmt, std::pair(std::move(idle.sql), idle.tail));
        return SQLITE_OK;
      }
    }
  }
  const char* rest = nullptr;
  int rc = 0;
  {
    InsideSqlite inside;
    rc = real_prepare()(db, sql, bytes, stmt, &rest);
  }
  if (tail != nullptr) *tail = rest;
  if (rc != SQLITE_OK || *stmt == nullptr) return rc;
  std::lock_guard lock(g_mutex);
  auto cache = g_caches.find(db);
  if (cache != g_caches.end()) {
    auto offset = static_cast<std::size_t>(rest - sql);
    cache->second.out.emplace(*stmt, std::pair(std::move(key), offset));
  }
  return rc;
}

int sqlite3_finalize(sqlite3_stmt* stmt) {
  if (stmt == nullptr) return SQLITE_OK;
  sqlite3* db = sqlite3_db_handle(stmt);
  {
    std::lock_guard lock(g_mutex);
    auto cache = g_caches.find(db);
    if (cache != g_caches.end()) {
      auto& c = cache->second;
      auto out = c.out.find(stmt);
      if (out != c.out.end()) {
        // sqlite3_finalize reports the statement's last error; reset does the same.
        int rc = sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        auto [sql, tail] = std::move(out->second);
        c.out.erase(out);
        c.idle.push_front({sql, stmt, tail});
        c.by_sql.emplace(std::move(sql), c.idle.begin());
        if (c.idle.size() > k_capacity) {
          Idle oldest = std::move(c.idle.back());
          auto range = c.by_sql.equal_range(oldest.sql);
          for (auto it = range.first; it != range.second; ++it)
            if (it->second == std::prev(c.idle.end())) {
              c.by_sql.erase(it);
              break;
            }
          c.idle.pop_back();
          real_finalize()(oldest.stmt);
        }
        return rc;
      }
    }
  }
  return real_finalize()(stmt);
}

int sqlite3_close(sqlite3* db) {
  drop_connection(db);
  return real_close()(db);
}

int sqlite3_close_v2(sqlite3* db) {
  drop_connection(db);
  return real_close_v2()(db);
}
}
