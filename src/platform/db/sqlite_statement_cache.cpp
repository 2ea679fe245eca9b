// A prepared-statement cache under SOCI, for SQLite (ADR 0009).
//
// SOCI prepares every statement on every call and finalizes it afterwards; on a page of
// a dozen queries SQLite's parser and planner were about a third of the CPU. SOCI has no
// hook for a cache, so this file interposes the sqlite3 functions its SQLite backend
// calls: the executable's own definitions come first in the dynamic symbol search, and
// the real ones are found with dlsym(RTLD_NEXT).
//
//   sqlite3_prepare_v2  hands out an idle statement prepared earlier for the same SQL on
//                       the same connection, or prepares a new one;
//   sqlite3_finalize    resets the statement, clears its bindings and keeps it idle
//                       (a reset statement holds no read snapshot and no lock);
//   sqlite3_close(_v2)  finalizes the connection's idle statements for real first.
//
// Only calls made by SOCI's SQLite backend itself, on a connection the pool enrolled,
// are cached. SQLite calls its own public functions too (it runs SQL inside
// sqlite3_prepare_v2 to load a schema, and inside sqlite3_step for DDL), sometimes
// through the same interposed symbols and sometimes not, so a statement it prepares
// may never come back through our finalize; everything not from SOCI passes straight
// through. A statement handed out is not in the cache, so two live statements never
// share one. Each connection keeps at most k_capacity idle statements, least recently
// used finalized first.
#include <dlfcn.h>
#include <link.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <list>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
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

// The executable code of SOCI's SQLite backend: a call whose return address lies here
// came from SOCI.
struct CodeRange {
  std::uintptr_t begin = 0;
  std::uintptr_t end = 0;
  bool contains(const void* address) const {
    auto a = reinterpret_cast<std::uintptr_t>(address);
    return a >= begin && a < end;
  }
};
const CodeRange& soci_backend_code() {
  static const CodeRange range = [] {
    CodeRange r;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* out) {
          if (info->dlpi_name == nullptr ||
              std::string_view(info->dlpi_name).find("libsoci_sqlite3") == std::string_view::npos)
            return 0;
          auto* found = static_cast<CodeRange*>(out);
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const auto& ph = info->dlpi_phdr[i];
            if (ph.p_type != PT_LOAD || (ph.p_flags & PF_X) == 0) continue;
            found->begin = info->dlpi_addr + ph.p_vaddr;
            found->end = found->begin + ph.p_memsz;
          }
          return 1;
        },
        &r);
    return r;
  }();
  return range;
}

constexpr std::size_t k_capacity = 128;

struct Idle {
  std::string sql;
  sqlite3_stmt* stmt;
};

// The idle statements of one connection, most recently used first.
struct ConnectionCache {
  std::list<Idle> idle;
  std::unordered_multimap<std::string, std::list<Idle>::iterator> by_sql;
};

std::mutex g_mutex;
std::unordered_map<sqlite3*, ConnectionCache> g_caches;  // enrolled connections

// Finalizes (for real) every idle statement of the connection and forgets it.
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

// Takes an idle statement for exactly this SQL text, if the connection has one.
sqlite3_stmt* take_idle(sqlite3* db, const std::string& sql) {
  std::lock_guard lock(g_mutex);
  auto cache = g_caches.find(db);
  if (cache == g_caches.end()) return nullptr;
  auto& c = cache->second;
  auto hit = c.by_sql.find(sql);
  if (hit == c.by_sql.end()) return nullptr;
  sqlite3_stmt* stmt = hit->second->stmt;
  c.idle.erase(hit->second);
  c.by_sql.erase(hit);
  return stmt;
}

// Keeps a statement SOCI is done with; false when the connection is not enrolled.
bool keep_idle(sqlite3_stmt* stmt) {
  sqlite3_stmt* evicted = nullptr;
  {
    std::lock_guard lock(g_mutex);
    auto cache = g_caches.find(sqlite3_db_handle(stmt));
    if (cache == g_caches.end()) return false;
    auto& c = cache->second;
    // The statement's own text: what SOCI will pass when it prepares the same query.
    std::string sql = sqlite3_sql(stmt);
    c.idle.push_front({sql, stmt});
    c.by_sql.emplace(std::move(sql), c.idle.begin());
    if (c.idle.size() > k_capacity) {
      auto oldest = std::prev(c.idle.end());
      auto range = c.by_sql.equal_range(oldest->sql);
      for (auto it = range.first; it != range.second; ++it)
        if (it->second == oldest) {
          c.by_sql.erase(it);
          break;
        }
      evicted = oldest->stmt;
      c.idle.pop_back();
    }
  }
  if (evicted != nullptr) real_finalize()(evicted);
  return true;
}
}  // namespace

namespace silian::db {
void enrol_in_statement_cache(void* connection) {
  // Resolve everything now, while nothing is in flight.
  real_prepare();
  real_finalize();
  real_close();
  real_close_v2();
  if (soci_backend_code().begin == 0) return;  // SOCI's backend not loaded: nothing to cache
  std::lock_guard lock(g_mutex);
  g_caches.try_emplace(static_cast<sqlite3*>(connection));
}

std::size_t idle_statements(void* connection) {
  std::lock_guard lock(g_mutex);
  auto it = g_caches.find(static_cast<sqlite3*>(connection));
  return it == g_caches.end() ? 0 : it->second.idle.size();
}
}  // namespace silian::db

extern "C" {
int sqlite3_prepare_v2(sqlite3* db, const char* sql, int bytes, sqlite3_stmt** stmt,
                       const char** tail) {
  if (soci_backend_code().contains(__builtin_return_address(0))) {
    std::size_t length = bytes < 0 ? std::strlen(sql) : static_cast<std::size_t>(bytes);
    if (sqlite3_stmt* idle = take_idle(db, std::string(sql, length))) {
      *stmt = idle;
      if (tail != nullptr) *tail = sql + length;
      return SQLITE_OK;
    }
  }
  return real_prepare()(db, sql, bytes, stmt, tail);
}

int sqlite3_finalize(sqlite3_stmt* stmt) {
  if (stmt != nullptr && soci_backend_code().contains(__builtin_return_address(0))) {
    // Reset first: sqlite3_finalize reports the statement's last error, and so does
    // reset. Cleared bindings leave no pointer into SOCI's freed buffers.
    int rc = sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!keep_idle(stmt)) real_finalize()(stmt);
    return rc;
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
