#include "silian/modules/deliberation/service/property_register.hpp"

#include <set>
#include <string_view>
#include <vector>

#include "silian/modules/deliberation/service/common.hpp"
#include "silian/modules/deliberation/storage/property_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
namespace {
std::string trimmed(std::string_view x) {
  auto a = x.find_first_not_of(" \t"), b = x.find_last_not_of(" \t");
  return a == std::string_view::npos ? "" : std::string(x.substr(a, b - a + 1));
}

std::vector<std::string> fields_of(std::string_view line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    auto comma = line.find(',', from);
    out.push_back(
        trimmed(line.substr(from, comma == std::string_view::npos ? line.npos : comma - from)));
    if (comma == std::string_view::npos) return out;
    from = comma + 1;
  }
}
}  // namespace

RegisterImport import_register(db::Lease& lease, const auth::Principal& who,
                               std::int64_t community_id, const std::string& text,
                               std::int64_t now) {
  auto community = org::find_unit(lease, community_id);
  if (!community || community->kind != "community" || !may_manage_councils(who, community->path))
    return {detail::refuse(404, "error_not_found")};
  lock_community(lease, community_id);  // against another import or an owners' vote opening
  if (owners_vote_open(lease, community_id))
    return {detail::refuse(409, "error_property_register_vote_open")};
  std::vector<RegisteredPart> parts;
  std::set<std::string> codes;
  std::size_t number = 0, start = 0;
  auto bad = [&] {
    return RegisterImport{detail::refuse(422, "error_property_register_line"), number};
  };
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trimmed(line).empty()) continue;
    auto f = fields_of(line);
    if (f.size() < 3 || f.size() > 5 || parts.size() >= k_register_max_parts) return bad();
    RegisteredPart r;
    r.part.id = f[0];
    r.part.holder = f[1];
    r.part.developer_held = f.size() >= 4 && f[3] == "1";
    auto area = parse_area(f[2]);
    bool developer_ok = f.size() < 4 || f[3] == "0" || f[3] == "1";
    if (r.part.id.empty() || r.part.id.size() > 40 || !codes.insert(r.part.id).second || !area ||
        !developer_ok || (!r.part.developer_held && r.part.holder.empty()) ||
        // "developer" names the developer's parts together; nobody else may hold it.
        (!r.part.developer_held && r.part.holder == k_developer) || r.part.holder.size() > 100 ||
        !search::valid_utf8(r.part.holder) || !search::valid_utf8(r.part.id))
      return bad();
    r.part.area = *area;
    if (f.size() == 5 && !f[4].empty()) {
      auto account = auth::find_account_by_username(lease, f[4]);
      if (!account) return bad();
      r.account_id = account->id;
    }
    parts.push_back(r);
  }
  if (parts.empty()) return {detail::refuse(422, "error_property_register_empty")};
  replace_register(lease, community_id, parts);
  audit::append(lease,
                {who.account_id, "deliberation.register.import", "org_unit",
                 std::to_string(community_id), "parts=" + std::to_string(parts.size())},
                now);
  return {{static_cast<std::int64_t>(parts.size()), 200, ""}};
}
}  // namespace silian::deliberation
