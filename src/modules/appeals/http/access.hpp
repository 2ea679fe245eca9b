#pragma once
// Who may see and act on an appeal. Every appeals route checks its permission in the
// router; these checks decide, per record, whether this user's units reach it.
#include <cstdint>
#include <string>
#include <vector>

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/http/context.hpp"

namespace silian::appeals {
// Staff roles that work on appeals in the tree (community, grid, street, district).
const std::vector<std::string>& tree_staff_roles();

// Limits a search to what this user may see (district administrators and leaders see all).
void restrict_to_user(const auth::Principal& who, Filter& f);

// The resident who filed it, or staff in scope (staff_may_view).
bool may_view(const auth::Principal& who, const Appeal& a, const std::vector<AppealUnit>& units);
// Staff whose units reach the appeal: its place, its street centre, its lead or
// assisting units. Filing an appeal as a resident gives no staff view of it.
bool staff_may_view(const auth::Principal& who, const Appeal& a,
                    const std::vector<AppealUnit>& units);
// Staff who may record a return visit: the dispatching street centre or the district,
// or community staff of the place who are not themselves the handler.
bool may_visit(const auth::Principal& who, const Appeal& a);
// Staff of the lead unit (or of a unit above it in the tree).
bool is_handler(const auth::Principal& who, const Appeal& a);
bool is_assisting(const auth::Principal& who, const std::vector<AppealUnit>& units);
// The street centre that dispatches this appeal, or a district administrator.
bool may_dispatch(const auth::Principal& who, const Appeal& a);
// The unit this user acts as on this appeal (lead first), for the timeline.
std::int64_t acting_unit_for(const auth::Principal& who, const Appeal& a,
                             const std::vector<AppealUnit>& units);

// At most `max_bytes` of `text`, cut at a character boundary (never inside UTF-8).
std::string utf8_prefix(const std::string& text, std::size_t max_bytes);

// Presentation shared by the pages.
std::string status_label(http::RequestContext& ctx, const std::string& status);
views::Value appeal_row(http::RequestContext& ctx, const Appeal& a, std::int64_t now);
views::Value timeline(http::RequestContext& ctx, const std::vector<Event>& events,
                      bool include_internal);
}  // namespace silian::appeals
