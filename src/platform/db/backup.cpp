#include "silian/platform/db/backup.hpp"

#include <algorithm>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <stdexcept>

namespace silian::db {
namespace {
using nlohmann::json;

json cell(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return nullptr;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
      return row.get<std::string>(i);
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return row.get<unsigned long long>(i);
    case soci::dt_double:
      return row.get<double>(i);
    default:
      throw std::runtime_error("unsupported column type in backup");
  }
}

json schema_versions(Database& db) {
  auto lease = db.lease();
  json out = json::array();
  std::string module;
  long long version = 0;
  soci::statement st = (lease->prepare << "SELECT module, version FROM schema_versions ORDER BY "
                                          "module, version",
                        soci::into(module), soci::into(version));
  st.execute();
  while (st.fetch()) out.push_back(module + "/" + std::to_string(version));
  return out;
}

void check_table_name(const std::string& t) {
  if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      }))
    throw std::runtime_error("invalid table name in backup: " + t);
}
}  // namespace

BackupStats write_backup(Database& db, const std::vector<std::string>& tables, std::ostream& out) {
  BackupStats stats;
  out << json{{"format", "silian-backup"},
              {"version", 1},
              {"schema", schema_versions(db)},
              {"tables", tables}}
             .dump()
      << "\n";
  auto lease = db.lease();
  // One read transaction gives a consistent snapshot of all tables (on PostgreSQL only
  // REPEATABLE READ does; READ COMMITTED would read each table at another moment).
  lease.session() << (db.engine() == Engine::postgresql
                          ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                          : "BEGIN");
  for (const auto& table : tables) {
    check_table_name(table);
    soci::rowset<soci::row> rows = (lease->prepare << "SELECT * FROM " + table + " ORDER BY 1");
    bool header_written = false;
    for (const auto& row : rows) {
      if (!header_written) {
        json columns = json::array();
        for (std::size_t i = 0; i < row.size(); ++i)
          columns.push_back(row.get_properties(i).get_name());
        out << json{{"table", table}, {"columns", columns}}.dump() << "\n";
        header_written = true;
      }
      json values = json::array();
      for (std::size_t i = 0; i < row.size(); ++i) values.push_back(cell(row, i));
      out << values.dump() << "\n";
      ++stats.rows;
    }
    ++stats.tables;
  }
  lease.session() << "COMMIT";
  out.flush();
  if (!out) throw std::runtime_error("could not write the backup file");
  return stats;
}

BackupStats restore_backup(Database& db, const std::vector<std::string>& tables, std::istream& in) {
  BackupStats stats;
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error("the backup file is empty");
  json header = json::parse(line, nullptr, false);
  if (!header.is_object() || header.value("format", "") != "silian-backup")
    throw std::runtime_error("not a Silian backup file");
  if (header["schema"] != schema_versions(db))
    throw std::runtime_error(
        "the backup was taken at another schema version: run the same "
        "silian release's migrate on both sides first");
  std::set<std::string> known(tables.begin(), tables.end());

  auto lease = db.lease();
  Transaction tx(lease);
  for (auto it = tables.rbegin(); it != tables.rend(); ++it)
    lease.session() << "DELETE FROM " + *it;

  std::string table;
  std::vector<std::string> columns;
  std::vector<std::string> values;
  std::vector<soci::indicator> indicators;
  std::unique_ptr<soci::statement> insert;
  std::set<std::string> restored;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json doc = json::parse(line, nullptr, false);
    if (doc.is_discarded()) throw std::runtime_error("the backup file is damaged");
    if (doc.is_object()) {
      table = doc.at("table").get<std::string>();
      check_table_name(table);
      if (!known.contains(table)) throw std::runtime_error("unknown table in backup: " + table);
      columns = doc.at("columns").get<std::vector<std::string>>();
      for (const auto& c : columns) check_table_name(c);
      values.assign(columns.size(), "");
      indicators.assign(columns.size(), soci::i_ok);
      std::string sql = "INSERT INTO " + table + " (";
      std::string marks;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        sql += (i ? ", " : "") + columns[i];
        marks += (i ? ", :v" : ":v") + std::to_string(i);
      }
      sql += ") VALUES (" + marks + ")";
      insert = std::make_unique<soci::statement>(lease.session());
      insert->alloc();
      for (std::size_t i = 0; i < columns.size(); ++i)
        insert->exchange(soci::use(values[i], indicators[i]));
      insert->prepare(sql);
      insert->define_and_bind();
      restored.insert(table);
      ++stats.tables;
      continue;
    }
    if (!insert || !doc.is_array() || doc.size() != columns.size())
      throw std::runtime_error("the backup file is damaged near table " + table);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& v = doc[i];
      indicators[i] = v.is_null() ? soci::i_null : soci::i_ok;
      if (v.is_string())
        values[i] = v.get<std::string>();
      else if (v.is_number_integer())
        values[i] = std::to_string(v.get<long long>());
      else if (v.is_number())
        values[i] = std::to_string(v.get<double>());
      else
        values[i] = "";
    }
    insert->execute(true);
    ++stats.rows;
  }
  insert.reset();
  if (db.engine() == Engine::postgresql) {
    // Explicit ids were inserted: move each identity sequence past them.
    for (const auto& t : tables) {
      int has_id = 0;
      lease.session() << "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = :t "
                         "AND column_name = 'id' AND is_identity = 'YES'",
          soci::use(t), soci::into(has_id);
      if (has_id == 0) continue;
      lease.session() << "SELECT setval(pg_get_serial_sequence('" + t +
                             "', 'id'), COALESCE((SELECT MAX(id) FROM " + t + "), 0) + 1, false)";
    }
  }
  tx.commit();
  return stats;
}
}  // namespace silian::db
