#include "silian/modules/lists/api.hpp"

#include "silian/modules/lists/storage/list_store.hpp"

namespace silian::lists {
std::vector<PublishedItem> all_published(db::Lease& lease, const std::string& kind) {
  std::vector<PublishedItem> out;
  auto version = published_version(lease, kind);
  if (!version) return out;
  for (const auto& i : items_of(lease, version->id))
    out.push_back({kind, i.code, i.title, i.department_id, i.funding});
  return out;
}

std::optional<PublishedItem> find_published(db::Lease& lease, const std::string& kind,
                                            const std::string& code) {
  auto item = published_item(lease, kind, code);
  if (!item) return std::nullopt;
  return PublishedItem{kind, item->code, item->title, item->department_id, item->funding};
}
}  // namespace silian::lists
