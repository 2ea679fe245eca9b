#include "silian/modules/appeals/http/access.hpp"

#include <algorithm>

#include "silian/platform/clock.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::appeals {
const std::vector<std::string>& tree_staff_roles() {
  static const std::vector<std::string> roles = {"community_worker", "community_director",
                                                 "grid_worker",      "street_officer",
                                                 "district_admin",   "leader"};
  return roles;
}

void restrict_to_user(const auth::Principal& who, Filter& f) {
  f.restrict_scope = true;
  for (const auto& r : who.roles) {
    if (r.role == "department_officer") f.scope_units.push_back(r.unit_id);
    if (std::find(tree_staff_roles().begin(), tree_staff_roles().end(), r.role) !=
        tree_staff_roles().end()) {
      if (r.role == "district_admin" || r.role == "leader") {
        f.restrict_scope = false;  // the whole district
        return;
      }
      f.scope_paths.push_back(r.unit_path);
      f.scope_units.push_back(r.unit_id);  // appeals its unit assists with, anywhere
    }
  }
}

bool may_view(const auth::Principal& who, const Appeal& a, const std::vector<AppealUnit>& units) {
  if (a.resident_id && a.resident_id == who.account_id) return true;
  return staff_may_view(who, a, units);
}

bool staff_may_view(const auth::Principal& who, const Appeal& a,
                    const std::vector<AppealUnit>& units) {
  if (!who.is_staff()) return false;
  if (who.covers(a.place_path, tree_staff_roles())) return true;
  if (who.covers(a.desk_unit_path, {"street_officer"})) return true;
  if (!a.lead_unit_path.empty() && who.covers(a.lead_unit_path, {"department_officer"}))
    return true;
  return is_handler(who, a) || is_assisting(who, units);
}

bool may_visit(const auth::Principal& who, const Appeal& a) {
  if (may_dispatch(who, a)) return true;
  return !is_handler(who, a) &&
         who.covers(a.place_path, {"community_worker", "community_director"});
}

bool is_handler(const auth::Principal& who, const Appeal& a) {
  if (!a.lead_unit_id || a.lead_unit_path.empty()) return false;
  // The staff of the lead unit itself (a community's grid workers included; a grid's
  // community workers too). Supervising levels above it are not the handler: they see
  // the appeal but act on it only by dispatching, reviewing or visiting.
  for (const auto& r : who.roles) {
    if (r.role == "resident" || r.role == "leader" || r.role == "district_admin" ||
        (r.role == "street_officer" && r.unit_id != a.lead_unit_id))
      continue;
    if (r.unit_id == a.lead_unit_id) return true;
    // A community's grid workers handle what the community leads, and a grid's
    // community workers what the grid leads; no wider.
    if (a.lead_unit_kind == "community" && r.unit_path.starts_with(a.lead_unit_path)) return true;
    if (a.lead_unit_kind == "grid" && r.unit_kind == "community" &&
        a.lead_unit_path.starts_with(r.unit_path))
      return true;
  }
  return false;
}

bool is_assisting(const auth::Principal& who, const std::vector<AppealUnit>& units) {
  for (const auto& u : units)
    if (u.role == "assist")
      for (const auto& r : who.roles)
        if (r.unit_id == u.unit_id && r.role != "resident" && r.role != "leader") return true;
  return false;
}

bool may_dispatch(const auth::Principal& who, const Appeal& a) {
  return who.covers(a.desk_unit_path, {"street_officer", "district_admin"});
}

std::int64_t acting_unit_for(const auth::Principal& who, const Appeal& a,
                             const std::vector<AppealUnit>& units) {
  for (const auto& r : who.roles)
    if (r.unit_id == a.lead_unit_id) return r.unit_id;
  for (const auto& u : units)
    for (const auto& r : who.roles)
      if (r.unit_id == u.unit_id) return r.unit_id;
  for (const auto& r : who.roles)
    if (r.role != "resident") return r.unit_id;
  return 0;
}

std::string utf8_prefix(const std::string& text, std::size_t max_bytes) {
  return text.size() <= max_bytes ? text : search::utf8_cut(text, max_bytes) + "…";
}

std::string status_label(http::RequestContext& ctx, const std::string& status) {
  return ctx.t("appeal_status_" + status);
}

views::Value appeal_row(http::RequestContext& ctx, const Appeal& a, std::int64_t now) {
  bool overdue = (a.status == "dispatched" && a.response_due && a.response_due < now) ||
                 ((a.status == "dispatched" || a.status == "in_progress") && a.resolve_due &&
                  a.resolve_due < now);
  views::Value row{{"id", a.id},
                   {"no", a.public_no},
                   {"category", ctx.script(a.category_name)},
                   {"community", ctx.script(a.community_name)},
                   {"received", format_local_minutes(a.received_at)},
                   {"status", status_label(ctx, a.status)},
                   {"status_code", a.status},
                   {"overdue", overdue}};
  if (!a.lead_unit_name.empty()) row.set("lead", ctx.script(a.lead_unit_name));
  if (a.resolve_due) row.set("due", format_deadline(a.resolve_due));
  if (a.escalation_level)
    row.set("escalated", ctx.t("appeal_level_" + std::to_string(a.escalation_level)));
  if (a.group_id) row.set("grouped", true);
  auto summary = utf8_prefix(a.description, 120);
  row.set("summary", ctx.script(summary));
  return row;
}

views::Value timeline(http::RequestContext& ctx, const std::vector<Event>& events,
                      bool include_internal) {
  auto out = views::Value::list();
  for (const auto& e : events) {
    if (!e.is_public && !include_internal) continue;
    views::Value item{{"kind", e.kind},
                      {"label", ctx.t("appeal_event_" + e.kind)},
                      {"at", format_local_minutes(e.at)},
                      {"internal", !e.is_public}};
    // Residents see which unit acted, staff also see who.
    if (include_internal && !e.actor_name.empty()) item.set("actor", ctx.script(e.actor_name));
    if (!e.unit_name.empty()) item.set("unit", ctx.script(e.unit_name));
    if (!e.body.empty()) item.set("body", ctx.script(e.body));
    if (e.kind == "extended" && !e.detail.empty()) {
      try {
        item.set("detail",
                 ctx.tf("appeal_new_deadline", {{"due", format_deadline(std::stoll(e.detail))}}));
      } catch (...) {
      }
    } else if (e.kind == "rated" || e.kind == "visited") {
      auto colon = e.detail.find(':');
      item.set("detail", ctx.t("appeal_rating_" + e.detail.substr(0, colon)) + " · " +
                             ctx.t(e.detail.ends_with(":resolved") ? "appeal_resolved_yes"
                                                                   : "appeal_resolved_no"));
    } else if (e.kind == "escalated") {
      auto colon = e.detail.find(':');
      item.set("detail", ctx.t("appeal_deadline_" + e.detail.substr(0, colon)) + " → " +
                             ctx.script(e.detail.substr(colon + 1)));
    } else if (e.kind == "submitted") {
      item.set("detail", ctx.t("appeal_channel_" + e.detail));
    } else if (!e.detail.empty()) {
      item.set("detail", ctx.script(e.detail));
    }
    out.push(item);
  }
  return out;
}
}  // namespace silian::appeals
