#pragma once
// Ledgers as files: tables written as CSV (UTF-8 with BOM, so spreadsheet programs
// read Chinese correctly) or XLSX (libxlsxwriter), one sheet per table.
#include <string>
#include <vector>

namespace silian::exports {
struct Table {
  std::string name;  // the sheet name (at most 31 characters in XLSX)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string to_csv(const Table& table);
std::string to_xlsx(const std::vector<Table>& tables);

inline constexpr const char* k_csv_type = "text/csv; charset=utf-8";
inline constexpr const char* k_xlsx_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}  // namespace silian::exports
