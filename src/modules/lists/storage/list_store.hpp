#pragma once
// Versioned lists. A kind has at most one draft and one published version at a time;
// publishing a draft supersedes the version before it, which stays readable.
#include <optional>
#include <string>
#include <vector>

#include "silian/modules/lists/domain/lists.hpp"
#include "silian/platform/db/database.hpp"

namespace silian::lists {
struct ListVersion {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t number = 0;
  std::string status;  // draft | published | superseded
  std::string note;
  std::int64_t published_at = 0;
};

std::vector<ListVersion> versions_of(db::Lease& lease, const std::string& kind);
std::optional<ListVersion> find_version(db::Lease& lease, std::int64_t id);
std::optional<ListVersion> version_by_number(db::Lease& lease, const std::string& kind,
                                             std::int64_t number);
std::optional<ListVersion> published_version(db::Lease& lease, const std::string& kind);
std::optional<ListVersion> draft_of(db::Lease& lease, const std::string& kind);
std::vector<ListItem> items_of(db::Lease& lease, std::int64_t version_id);
std::optional<ListItem> published_item(db::Lease& lease, const std::string& kind,
                                       const std::string& code);

// A new draft copying the published version's items (or empty for a first version).
std::int64_t create_draft(db::Lease& lease, const std::string& kind, std::int64_t by,
                          std::int64_t now);
// Inserts or replaces the item with this code in a draft.
void put_item(db::Lease& lease, std::int64_t version_id, const ListItem& item);
bool remove_item(db::Lease& lease, std::int64_t version_id, const std::string& code);
// Inside the caller's transaction: true when the version is still a draft; on PostgreSQL
// it also holds the row until commit, so that a concurrent publish waits.
bool lock_draft(db::Lease& lease, std::int64_t version_id);
void publish(db::Lease& lease, const ListVersion& draft, const std::string& note, std::int64_t by,
             std::int64_t now);
}  // namespace silian::lists
