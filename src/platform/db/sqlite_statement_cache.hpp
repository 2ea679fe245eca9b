#pragma once
// The SQLite prepared-statement cache under SOCI (sqlite_statement_cache.cpp, ADR 0009).
#include <cstddef>

namespace silian::db {
// From now on, statements SOCI prepares and finalizes on this connection are kept and
// reused. Call once per connection, right after it is opened. The handle is a `sqlite3*`;
// it is passed untyped because SOCI declares SQLite's types in its own namespace.
void enrol_in_statement_cache(void* connection);

// How many prepared statements of the connection wait for their SQL to come again.
std::size_t idle_statements(void* connection);
}  // namespace silian::db
