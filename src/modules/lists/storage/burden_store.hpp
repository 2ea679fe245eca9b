#pragma once
// The burden catalogue (社区负担目录) and burden reports (负担举报).
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::lists {
struct BurdenItem {
  std::int64_t id = 0;
  std::string kind;
  std::string code;
  std::string name;
  std::int64_t imposed_by = 0;
  std::string imposed_by_name;
  std::string status;
  std::int64_t merged_into = 0;
  std::string merged_into_name;
  std::string decided_on;
  std::string decision_document;
};

std::vector<BurdenItem> burden_items(db::Lease& lease, const std::string& kind,
                                     const std::string& status);
std::optional<BurdenItem> find_burden_item(db::Lease& lease, std::int64_t id);
std::optional<BurdenItem> find_burden_by_code(db::Lease& lease, const std::string& code);
std::int64_t insert_burden_item(db::Lease& lease, const BurdenItem& item, std::int64_t now);
void decide_burden_item(db::Lease& lease, const BurdenItem& item);

struct BurdenCount {
  std::string kind;
  std::string status;
  std::int64_t count = 0;
};
std::vector<BurdenCount> burden_counts(db::Lease& lease);
struct BurdenStep {
  std::string year;
  std::int64_t cancelled = 0;
  std::int64_t merged = 0;
};
std::vector<BurdenStep> reductions_by_year(db::Lease& lease);

struct BurdenReport {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::string community_name;
  std::string community_path;
  std::int64_t department_id = 0;
  std::string department_name;
  std::string description;
  std::string status;  // open | answered
  std::string answer;
  std::int64_t created_at = 0;
  std::int64_t created_by = 0;
};
std::int64_t insert_report(db::Lease& lease, const BurdenReport& r, std::int64_t now);
std::vector<BurdenReport> reports(db::Lease& lease, const std::string& community_path_prefix);
std::optional<BurdenReport> find_report(db::Lease& lease, std::int64_t id);
bool answer_report(db::Lease& lease, std::int64_t id, const std::string& answer, std::int64_t by,
                   std::int64_t now);
std::int64_t open_report_count(db::Lease& lease);
}  // namespace silian::lists
