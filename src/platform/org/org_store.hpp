#pragma once
// Storage of org units. Writes happen inside the caller's transaction.
#include <optional>
#include <vector>

#include "silian/platform/db/database.hpp"
#include "silian/platform/org/org_unit.hpp"

namespace silian::org {
std::optional<OrgUnit> find_unit(db::Lease& lease, std::int64_t id);
std::optional<OrgUnit> find_unit_by_code(db::Lease& lease, const std::string& code);
std::vector<OrgUnit> all_units(db::Lease& lease);  // ordered by path
std::vector<OrgUnit> units_of_kind(db::Lease& lease, const std::string& kind);
// Inserts and fills in id and path. Throws soci_error on a duplicate code.
std::int64_t insert_unit(db::Lease& lease, OrgUnit& unit, std::int64_t now);
void update_unit(db::Lease& lease, const OrgUnit& unit);
}  // namespace silian::org
