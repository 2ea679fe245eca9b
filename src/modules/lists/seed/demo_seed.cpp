#include "silian/modules/lists/seed/demo_seed.hpp"

#include <nlohmann/json.hpp>

#include "silian/modules/lists/storage/burden_store.hpp"
#include "silian/modules/lists/storage/list_store.hpp"
#include "silian/platform/assets.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::lists {
namespace {
std::int64_t unit_id(db::Lease& lease, const std::string& code) {
  if (code.empty()) return 0;
  auto unit = org::find_unit_by_code(lease, code);
  return unit ? unit->id : 0;
}

ListItem to_item(db::Lease& lease, const nlohmann::json& j) {
  ListItem i;
  i.code = j.at("code");
  i.title = j.at("title");
  i.description = j.value("description", "");
  i.legal_basis = j.value("legal_basis", "");
  i.department_id = unit_id(lease, j.value("department", ""));
  i.funding = j.value("funding", "");
  return i;
}
}  // namespace

void seed_demo(Platform& p, db::Lease& lease) {
  auto data = nlohmann::json::parse(assets::get("src/modules/lists/seed/demo_lists.json"));
  auto now = p.clock.now();
  const std::pair<const char*, const char*> lists[] = {
      {"duty", "duties"}, {"assistance", "assistance"}, {"administrative", "administrative"}};
  for (const auto& [kind, key] : lists) {
    const auto& items = data.at(key);
    bool assistance = std::string(kind) == "assistance";
    // The assistance list gets a second version: two items added, one funding raised.
    std::size_t first_count = assistance ? items.size() - 2 : items.size();
    auto v1 = create_draft(lease, kind, 0, now - 400 * 86400);
    for (std::size_t i = 0; i < first_count; ++i) put_item(lease, v1, to_item(lease, items[i]));
    publish(lease, *find_version(lease, v1), "首次公布", 0, now - 400 * 86400);
    if (!assistance) continue;
    auto v2 = create_draft(lease, kind, 0, now - 30 * 86400);
    for (std::size_t i = first_count; i < items.size(); ++i)
      put_item(lease, v2, to_item(lease, items[i]));
    auto raised = to_item(lease, items[0]);
    raised.funding += "；自本年度起标准提高20%";
    put_item(lease, v2, raised);
    publish(lease, *find_version(lease, v2), "年度调整：新增两项，提高一项经费标准", 0,
            now - 30 * 86400);
  }
  // Merged entries point at retained ones: insert those first.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& j : data.at("burden")) {
      bool merged = j.at("status") == "merged";
      if ((pass == 0) == merged) continue;
      BurdenItem b;
      b.kind = j.at("kind");
      b.code = j.at("code");
      b.name = j.at("name");
      b.imposed_by = unit_id(lease, j.value("imposed_by", ""));
      b.status = j.at("status");
      b.decided_on = j.value("decided_on", "");
      b.decision_document = j.value("decision_document", "");
      if (merged)
        if (auto target = find_burden_by_code(lease, j.value("merged_into", "")))
          b.merged_into = target->id;
      insert_burden_item(lease, b, now);
    }
}
}  // namespace silian::lists
