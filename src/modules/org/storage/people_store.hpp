#pragma once
// Households and residents. Writes happen inside the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::org {
struct Household {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t grid_id = 0;
  std::string address;
  std::int64_t members = 0;
};

struct Resident {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t household_id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::string phone_sealed;
  std::string status;  // pending | verified | rejected
  std::string stated_address;
  std::string community_name;
  std::string community_path;
  std::int64_t created_at = 0;
};

std::int64_t insert_household(db::Lease& lease, const Household& h, std::int64_t now);
std::optional<Household> find_household(db::Lease& lease, std::int64_t id);
std::optional<Household> find_household_at(db::Lease& lease, std::int64_t community_id,
                                           const std::string& address);
struct HouseholdPage {
  std::vector<Household> rows;
  std::int64_t total = 0;
};
// Households inside any of the subtrees at `scope_paths` (by community or by grid),
// optionally filtered by address.
HouseholdPage households_in(db::Lease& lease, const std::vector<std::string>& scope_paths,
                            const std::string& search, int page, int per_page);

std::int64_t insert_resident(db::Lease& lease, const Resident& r, const std::string& phone_index,
                             std::int64_t now);
std::optional<Resident> find_resident(db::Lease& lease, std::int64_t id);
// A community's households: how many, and their ids.
std::int64_t count_households(db::Lease& lease, std::int64_t community_id);
std::vector<std::int64_t> household_ids(db::Lease& lease, std::int64_t community_id);
// The community's verified adult residents.
std::vector<std::int64_t> adult_resident_ids(db::Lease& lease, std::int64_t community_id);
std::optional<Resident> resident_of_account(db::Lease& lease, std::int64_t account_id);
std::vector<Resident> pending_in(db::Lease& lease, const std::string& scope_path);
std::int64_t count_pending_in(db::Lease& lease, const std::string& scope_path);
// Returns false when the resident was no longer pending (decided by someone else).
bool decide_resident(db::Lease& lease, std::int64_t resident_id, const std::string& status,
                     std::int64_t household_id, const std::string& note, std::int64_t by,
                     std::int64_t now);
}  // namespace silian::org
