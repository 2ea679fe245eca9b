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
};
}  // namespace silian::db
