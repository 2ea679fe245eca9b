#pragma once
// Per-module schema migrations with a schema-version table. A module's migrations are
// the embedded files under its migrations/ folder, named NNNN_name.sql and applied in
// order, each in its own transaction together with its version row.
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::db {
struct MigrationSet {
  std::string module;        // e.g. "platform", "org"
  std::string asset_prefix;  // e.g. "src/modules/org/migrations/"
};

// Portable SQL with one dialect token: {{PK}} becomes the engine's auto-increment key.
std::string render_dialect(std::string_view sql, Engine engine);

// Applies what is missing; returns the number of migrations applied.
int migrate(Database& db, const std::vector<MigrationSet>& sets);
}  // namespace silian::db
