#pragma once
// The SQLite prepared-statement cache under SOCI (sqlite_statement_cache.cpp, ADR 0009).
#include <cstddef>

namespace silian::db {
// From now on, statements SOCI prepares and finalizes on this connection are kept and
// reused. Call once per connection, right after it is opened. The handle is a `sqlite3*`;
// it is passed untyped because SOCI declares SQLite's types in its own namespace.
void enrol_in_statement_cache(void* connection);

struct StatementCacheStats {
  std::size_t idle = 0;        // prepared statements waiting for their SQL to come again
  std::size_t handed_out = 0;  // statements in use
};
StatementCacheStats statement_cache_stats(void* connection);
}  // namespace silian::db
