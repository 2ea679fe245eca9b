#pragma once
#include <expected>
#include <string>
#include <string_view>

namespace silian::db {
enum class Engine { sqlite, postgresql };

// A database location as the CLI takes it: `sqlite:PATH` or `postgresql://...`.
struct DbUrl {
  Engine engine = Engine::sqlite;
  std::string target;  // file path for SQLite, libpq connection URI for PostgreSQL

  static std::expected<DbUrl, std::string> parse(std::string_view text);
  std::string describe() const;  // for logs: never includes a password
  // libpq keyword/value form (host=... dbname=...), which SOCI passes through intact;
  // SOCI 4.0 mangles URI-style connection strings.
  std::string libpq_keywords() const;
};
}  // namespace silian::db
