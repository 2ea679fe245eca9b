#pragma once
// What other modules may ask of the lists module (appeals route by list item). They use
// this interface, never the lists tables.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::lists {
struct PublishedItem {
  std::string kind;  // duty | assistance | administrative
  std::string code;
  std::string title;
  std::int64_t department_id = 0;  // the responsible department, 0 for community duties
  std::string funding;
};
std::optional<PublishedItem> find_published(db::Lease& lease, const std::string& kind,
                                            const std::string& code);
std::vector<PublishedItem> all_published(db::Lease& lease, const std::string& kind);
}  // namespace silian::lists
