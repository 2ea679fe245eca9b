#pragma once
// Pure rules of the two lists and admission control (准入): no SQL, no HTTP.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include <string_view>
#include <vector>
#include "silian/platform/clock.hpp"  // valid_date

namespace silian::lists {
// duty = 依法履职事项, assistance = 协助政府工作事项, administrative = 行政事务
inline constexpr std::array<std::string_view, 3> k_list_kinds = {"duty", "assistance",
                                                                 "administrative"};
inline constexpr std::array<std::string_view, 5> k_burden_kinds = {
    "evaluation", "ledger", "signboard", "platform", "certificate"};
inline constexpr std::array<std::string_view, 3> k_burden_statuses = {"retained", "merged",
                                                                      "cancelled"};
bool is_list_kind(std::string_view kind);
bool is_burden_kind(std::string_view kind);
bool is_burden_status(std::string_view status);

struct ListItem {
  std::int64_t id = 0;
  std::string code;
  std::string title;
  std::string description;
  std::string legal_basis;
  std::int64_t department_id = 0;  // 0 for statutory duties
  std::string department_name;
  std::string funding;
};

struct ItemChange {
  std::string code;
  std::string change;  // added | removed | changed
  std::vector<std::string>
      fields;  // for "changed": title, description, legal_basis, department, funding
  std::string old_title;
  std::string new_title;
  std::vector<std::string> before;  // the changed fields' old values, aligned with `fields`
  std::vector<std::string> after;   // and their new values
};
// What changed from version `before` to version `after`, by item code, in code order.
std::vector<ItemChange> diff(const std::vector<ListItem>& before,
                             const std::vector<ListItem>& after);

// The facts admission control needs about a task, gathered by the caller.
struct AdmissionFacts {
  std::int64_t filing_department_id = 0;
  bool item_cited = false;      // the task names an assistance item
  bool item_published = false;  // that code is in the current published assistance list
  std::int64_t item_department_id = 0;
  std::vector<std::string> demanded_burden_statuses;  // of the burden entries the task demands
};
// Returns the refusal's catalogue key, or nothing when the task may be admitted.
std::optional<std::string> admission_refusal(const AdmissionFacts& facts);

// Which unit approves: the street when every community is in one street, else the district.
struct CommunityPlace {
  std::int64_t community_id = 0;
  std::int64_t street_id = 0;
};
std::int64_t approving_unit(const std::vector<CommunityPlace>& places, std::int64_t district_id);

}  // namespace silian::lists
