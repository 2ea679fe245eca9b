#include "silian/platform/exports/table_export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace silian::exports {
namespace {
// A cell that starts like a formula is shown as text, so a shared ledger cannot run
// one in the reader's spreadsheet program.
std::string neutralised(const std::string& s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) return "'" + s;
  return s;
}

std::string csv_field(const std::string& raw) {
  std::string s = neutralised(raw);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string to_xlsx(const std::vector<Table>& tables) {
  // libxlsxwriter writes to a file; use a private temporary one.
  std::string path =
      (std::filesystem::temp_directory_path() / "silian-export-XXXXXX.xlsx").string();
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  close(fd);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) throw std::runtime_error("cannot create a workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const auto& t : tables) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 24, nullptr);
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      for (std::size_t c = 0; c < t.rows[r].size(); ++c)
        // An XLSX cell holds at most 32,767 characters.
        worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               neutralised(t.rows[r][c].substr(0, 32000)).c_str(), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    throw std::runtime_error("cannot write the workbook");
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::filesystem::remove(path);
  return buffer.str();
}
}  // namespace silian::exports
