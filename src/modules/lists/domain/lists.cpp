#include "silian/modules/lists/domain/lists.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace silian::lists {
namespace {
template <std::size_t N>
bool in(const std::array<std::string_view, N>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}
}  // namespace

bool is_list_kind(std::string_view kind) { return in(k_list_kinds, kind); }
bool is_burden_kind(std::string_view kind) { return in(k_burden_kinds, kind); }
bool is_burden_status(std::string_view status) { return in(k_burden_statuses, status); }

std::vector<ItemChange> diff(const std::vector<ListItem>& before,
                             const std::vector<ListItem>& after) {
  std::map<std::string, const ListItem*> old_items, new_items;
  for (const auto& i : before) old_items[i.code] = &i;
  for (const auto& i : after) new_items[i.code] = &i;
  std::set<std::string> codes;
  for (const auto& [c, _] : old_items) codes.insert(c);
  for (const auto& [c, _] : new_items) codes.insert(c);
  std::vector<ItemChange> out;
  for (const auto& code : codes) {
    auto o = old_items.find(code);
    auto n = new_items.find(code);
    if (o == old_items.end()) {
      out.push_back({code, "added", {}, "", n->second->title, {}, {}});
    } else if (n == new_items.end()) {
      out.push_back({code, "removed", {}, o->second->title, "", {}, {}});
    } else {
      const ListItem& a = *o->second;
      const ListItem& b = *n->second;
      ItemChange change{code, "changed", {}, a.title, b.title, {}, {}};
      auto compare = [&change](const char* field, const std::string& before,
                               const std::string& after) {
        if (before == after) return;
        change.fields.push_back(field);
        change.before.push_back(before);
        change.after.push_back(after);
      };
      compare("title", a.title, b.title);
      compare("description", a.description, b.description);
      compare("legal_basis", a.legal_basis, b.legal_basis);
      if (a.department_id != b.department_id) {
        change.fields.push_back("department");
        change.before.push_back(a.department_name);
        change.after.push_back(b.department_name);
      }
      compare("funding", a.funding, b.funding);
      if (!change.fields.empty()) out.push_back(std::move(change));
    }
  }
  return out;
}

std::optional<std::string> admission_refusal(const AdmissionFacts& f) {
  if (!f.item_cited) return "refusal_no_item";
  if (!f.item_published) return "refusal_unpublished_item";
  if (f.item_department_id != f.filing_department_id) return "refusal_other_department";
  for (const auto& status : f.demanded_burden_statuses)
    if (status == "cancelled") return "refusal_cancelled_burden";
  return std::nullopt;
}

std::int64_t approving_unit(const std::vector<CommunityPlace>& places, std::int64_t district_id) {
  if (places.empty()) return district_id;
  auto street = places.front().street_id;
  for (const auto& p : places)
    if (p.street_id != street) return district_id;
  return street;
}

}  // namespace silian::lists
