#pragma once
// Engine-neutral backup: one JSON document per line (a header, then each table's
// columns and rows). A backup taken from SQLite restores into PostgreSQL and the
// reverse, which is how a district that outgrows SQLite moves.
#include <iosfwd>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::db {
struct BackupStats {
  std::size_t tables = 0;
  std::size_t rows = 0;
};

BackupStats write_backup(Database& db, const std::vector<std::string>& tables, std::ostream& out);
// The target must be migrated to the same schema versions. Replaces every listed
// table's rows in one transaction; on any error nothing changes.
BackupStats restore_backup(Database& db, const std::vector<std::string>& tables, std::istream& in);
}  // namespace silian::db
