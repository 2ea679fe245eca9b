#include "silian/modules/appeals/service/flow.hpp"

#include <algorithm>
#include <cmath>

#include "silian/modules/lists/api.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/jobs/job_queue.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::appeals {
namespace {
std::string link(const Appeal& a) { return "/appeals/" + std::to_string(a.id); }
std::string resident_link(const Appeal& a) { return "/my/appeals/" + std::to_string(a.id); }

void log_audit(db::Lease& lease, const Actor& who, const std::string& action, const Appeal& a,
               const std::string& detail, std::int64_t now) {
  audit::append(lease, {who.account_id, "appeals." + action, "appeal", a.public_no, detail}, now);
}

std::int64_t event(db::Lease& lease, const Appeal& a, const Actor& who, const std::string& kind,
                   bool is_public, const std::string& body, const std::string& detail,
                   std::int64_t now) {
  return add_event(
      lease, {0, a.id, now, who.account_id, who.unit_id, kind, is_public, body, detail, "", ""});
}

void notify_unit(db::Lease& lease, std::int64_t unit, const std::string& key, const Appeal& a,
                 std::int64_t now) {
  for (auto account : unit_staff(lease, unit))
    notify::send(lease, account, key, {{"no", a.public_no}}, link(a), now);
}

void notify_resident(db::Lease& lease, const Appeal& a, const std::string& key, std::int64_t now) {
  if (a.resident_id)
    notify::send(lease, a.resident_id, key, {{"no", a.public_no}}, resident_link(a), now);
}

void schedule_deadlines(db::Lease& lease, const Appeal& a) {
  auto id = std::to_string(a.id);
  if (a.status == "dispatched" && a.response_due)
    jobs::enqueue(lease, k_deadline_job, id + ":response", a.response_due,
                  "appeal-" + id + "-response-" + std::to_string(a.response_due));
  if (a.resolve_due)
    jobs::enqueue(lease, k_deadline_job, id + ":resolve", a.resolve_due,
                  "appeal-" + id + "-resolve-" + std::to_string(a.resolve_due));
}

void set_deadlines(db::Lease& lease, Appeal& a, std::int64_t now) {
  auto category = find_category(lease, a.category_id);
  auto cal = load_calendar(lease);
  a.dispatched_at = now;
  a.response_due = cal.add_working_hours(now, category ? category->response_hours : 24);
  a.resolve_due = cal.add_working_days(now, category ? category->resolve_days : 5);
}

// The members of a group follow their primary through every handling step they are
// in step with; a member already rated or ahead is left alone.
template <typename F>
void for_group(db::Lease& lease, const Appeal& primary, Action action, F&& step) {
  for (auto m : group_members(lease, primary.id))
    if (allowed(action, m.status)) step(m);
}

bool text_ok(const std::string& s, std::size_t max_bytes) {
  return !s.empty() && s.size() <= max_bytes && search::valid_utf8(s);
}

bool optional_text_ok(const std::string& s, std::size_t max_bytes) {
  return s.size() <= max_bytes && search::valid_utf8(s);
}

constexpr int k_max_extensions = 3;
constexpr std::int64_t k_rating_window = 3 * 86400;  // before staff may record a visit

std::optional<org::OrgUnit> street_of(db::Lease& lease, std::int64_t community_id) {
  auto c = org::find_unit(lease, community_id);
  if (!c) return std::nullopt;
  return org::find_unit(lease, c->parent_id);
}
}  // namespace

std::vector<std::int64_t> unit_staff(db::Lease& lease, std::int64_t unit_id) {
  auto unit = org::find_unit(lease, unit_id);
  if (!unit) return {};
  std::vector<std::string> roles;
  if (unit->kind == "community") roles = {"community_worker", "community_director"};
  if (unit->kind == "grid") roles = {"grid_worker"};
  if (unit->kind == "street") roles = {"street_officer"};
  if (unit->kind == "department") roles = {"department_officer"};
  if (unit->kind == "district") roles = {"district_admin"};
  std::vector<std::int64_t> out;
  for (const auto& r : roles)
    for (auto a : auth::accounts_with_role_in(lease, r, unit->path))
      if (std::find(out.begin(), out.end(), a) == out.end()) {
        // accounts_with_role_in matches the unit and everything under it; keep only the
        // staff of this unit (a street officer's role sits at the street itself).
        out.push_back(a);
      }
  return out;
}

std::variant<IntakePlan, std::string> plan_intake(Platform& p, db::Lease& lease, const Intake& in) {
  auto category = find_category(lease, in.category_id);
  if (!category || !category->active) return std::string("error_appeal_category");
  if (!text_ok(in.description, 4000)) return std::string("error_appeal_description");
  if (!optional_text_ok(in.address, 300)) return std::string("error_appeal_address");
  if (!optional_text_ok(in.contact_name, 100)) return std::string("error_appeal_contact");
  if (!in.contact_phone.empty() &&
      (in.contact_phone.size() < 5 || in.contact_phone.size() > 20 ||
       in.contact_phone.find_first_not_of("0123456789+- ") != std::string::npos))
    return std::string("error_appeal_phone");
  if (in.lat.has_value() != in.lng.has_value() ||
      (in.lat && (!std::isfinite(*in.lat) || !std::isfinite(*in.lng) || *in.lat < -90 ||
                  *in.lat > 90 || *in.lng < -180 || *in.lng > 180)))
    return std::string("error_appeal_point");
  auto community = org::find_unit(lease, in.community_id);
  if (!community || community->kind != "community" || !community->active)
    return std::string("error_appeal_place");
  std::string place_path = community->path;
  if (in.grid_id) {
    auto grid = org::find_unit(lease, in.grid_id);
    if (!grid || grid->kind != "grid" || grid->parent_id != community->id)
      return std::string("error_appeal_place");
    place_path = grid->path;
  }
  auto street = street_of(lease, community->id);
  if (!street) return std::string("error_appeal_place");

  // The category's list item decides the path (属地管理、分级负责).
  std::int64_t lead = 0;
  std::string status = "awaiting_dispatch";
  if (category->route == "community") {
    lead = community->id;
    status = "dispatched";
  } else if (category->route == "service") {
    lead = street->id;  // the street service centre handles delegated services
    status = "dispatched";
  } else {
    auto item = lists::find_published(lease, category->list_kind, category->list_code);
    if (!item || !item->department_id) return std::string("error_appeal_category_unrouted");
  }

  IntakePlan plan;
  auto& a = plan.appeal;
  a.category_id = category->id;
  a.channel = in.channel;
  a.description = in.description;
  a.community_id = community->id;
  a.grid_id = in.grid_id;
  a.place_path = place_path;
  a.address = in.address;
  a.lat = in.lat;
  a.lng = in.lng;
  a.resident_id = in.resident_id;
  if (!in.contact_name.empty()) a.contact_name_sealed = p.vault.seal(in.contact_name);
  if (!in.contact_phone.empty()) a.contact_phone_sealed = p.vault.seal(in.contact_phone);
  a.anonymous = in.anonymous;
  a.entered_by = in.entered_by;
  a.api_key_id = in.api_key_id;
  a.route = category->route;
  a.status = status;
  a.desk_unit_id = street->id;
  a.lead_unit_id = lead;
  plan.response_hours = category->response_hours;
  plan.resolve_days = category->resolve_days;
  plan.calendar = load_calendar(lease);
  plan.lead_name = lead == community->id ? community->name : lead ? street->name : "";
  plan.recipients = unit_staff(lease, lead ? lead : street->id);
  plan.notice_key = lead ? "notify_appeal_dispatched" : "notify_appeal_to_dispatch";
  plan.actor = in.entered_by ? in.entered_by : in.resident_id;
  return plan;
}

Appeal store_intake(db::Lease& lease, IntakePlan& plan, std::int64_t now) {
  Appeal a = plan.appeal;
  a.received_at = now;
  insert_appeal(lease, a);
  Actor who{plan.actor, 0};
  event(lease, a, who, "submitted", true, "", a.channel, now);
  if (a.lead_unit_id) {
    a.dispatched_at = now;
    a.response_due = plan.calendar.add_working_hours(now, plan.response_hours);
    a.resolve_due = plan.calendar.add_working_days(now, plan.resolve_days);
    a.updated_at = now;
    save_state(lease, a);
    set_units(lease, a.id, a.lead_unit_id, {}, now);
    kpi_add(lease, a.month, "unit", a.lead_unit_id, KpiField::dispatched, 1);
    event(lease, a, {0, 0}, "dispatched", true, "", plan.lead_name, now);
    schedule_deadlines(lease, a);
  }
  for (auto account : plan.recipients)
    notify::send(lease, account, plan.notice_key, {{"no", a.public_no}}, link(a), now);
  log_audit(lease, who, "submit", a, "channel=" + a.channel, now);
  return a;
}

Outcome submit(Platform& p, db::Lease& lease, const Intake& in, std::int64_t now) {
  auto plan = plan_intake(p, lease, in);
  if (auto* refusal = std::get_if<std::string>(&plan)) return *refusal;
  return store_intake(lease, std::get<IntakePlan>(plan), now);
}

std::optional<std::string> dispatch(db::Lease& lease, Appeal& a, const Actor& who,
                                    std::int64_t lead, const std::vector<std::int64_t>& assisting,
                                    std::int64_t now) {
  if (a.group_id) return "error_appeal_grouped";
  if (!allowed(Action::dispatch, a.status)) return "error_appeal_step";
  auto unit = org::find_unit(lease, lead);
  if (!unit || !unit->active ||
      (unit->kind != "department" && unit->kind != "community" && unit->kind != "street" &&
       unit->kind != "grid"))
    return "error_appeal_lead";
  std::vector<std::string> names;
  for (auto u : assisting) {
    auto x = org::find_unit(lease, u);
    if (!x || !x->active || x->kind == "district") return "error_appeal_assist";
    if (u != lead) names.push_back(x->name);
  }
  a.lead_unit_id = lead;
  a.status = "dispatched";
  a.escalation_level = 0;  // new deadlines, a fresh start
  set_deadlines(lease, a, now);
  a.updated_at = now;
  save_state(lease, a);
  set_units(lease, a.id, lead, assisting, now);
  kpi_add(lease, a.month, "unit", lead, KpiField::dispatched, 1);
  std::string detail = unit->name;
  for (const auto& n : names) detail += "、" + n;
  event(lease, a, who, "dispatched", true, "", detail, now);
  schedule_deadlines(lease, a);
  notify_unit(lease, lead, "notify_appeal_dispatched", a, now);
  for (auto u : assisting)
    if (u != lead) notify_unit(lease, u, "notify_appeal_assist", a, now);
  log_audit(lease, who, "dispatch", a, "lead=" + unit->code, now);
  for_group(lease, a, Action::dispatch, [&](Appeal& m) {
    m.lead_unit_id = lead;
    m.status = "dispatched";
    m.escalation_level = 0;
    m.dispatched_at = a.dispatched_at;
    m.response_due = a.response_due;
    m.resolve_due = a.resolve_due;
    m.updated_at = now;
    save_state(lease, m);
    set_units(lease, m.id, lead, assisting, now);
    kpi_add(lease, m.month, "unit", lead, KpiField::dispatched, 1);
    event(lease, m, who, "dispatched", true, "", detail, now);
  });
  return std::nullopt;
}

std::optional<std::string> give_back(db::Lease& lease, Appeal& a, const Actor& who,
                                     const std::string& reason, std::int64_t now) {
  if (a.group_id) return "error_appeal_grouped";
  if (!allowed(Action::give_back, a.status)) return "error_appeal_step";
  if (!text_ok(reason, 2000)) return "error_appeal_reason";
  auto window = load_calendar(lease).add_working_hours(a.dispatched_at, k_objection_hours);
  if (now > window) return "error_appeal_objection_late";
  auto returned_by = a.lead_unit_id;
  kpi_add(lease, a.month, "unit", returned_by, KpiField::dispatched, -1);
  a.status = "awaiting_dispatch";
  a.lead_unit_id = 0;
  a.dispatched_at = a.response_due = a.resolve_due = 0;
  a.updated_at = now;
  save_state(lease, a);
  set_units(lease, a.id, 0, {}, now);
  event(lease, a, who, "returned", false, reason, "", now);
  notify_unit(lease, a.desk_unit_id, "notify_appeal_returned", a, now);
  log_audit(lease, who, "return", a, "", now);
  for_group(lease, a, Action::give_back, [&](Appeal& m) {
    kpi_add(lease, m.month, "unit", returned_by, KpiField::dispatched, -1);
    m.status = "awaiting_dispatch";
    m.lead_unit_id = 0;
    m.dispatched_at = m.response_due = m.resolve_due = 0;
    m.updated_at = now;
    save_state(lease, m);
    set_units(lease, m.id, 0, {}, now);
    event(lease, m, who, "returned", false, reason, "", now);
  });
  return std::nullopt;
}

std::optional<std::string> respond(db::Lease& lease, Appeal& a, const Actor& who,
                                   const std::string& note, std::int64_t now) {
  if (a.group_id) return "error_appeal_grouped";
  if (!allowed(Action::respond, a.status)) return "error_appeal_step";
  if (!optional_text_ok(note, 2000)) return "error_appeal_reason";
  auto apply = [&](Appeal& x) {
    bool on_time = now <= x.response_due;
    x.status = "in_progress";
    x.responded_at = now;
    x.handler_id = who.account_id;
    x.updated_at = now;
    save_state(lease, x);
    if (on_time) {
      kpi_add(lease, x.month, "unit", x.lead_unit_id, KpiField::responded_on_time, 1);
      kpi_add(lease, x.month, "account", who.account_id, KpiField::responded_on_time, 1);
    }
    kpi_add(lease, x.month, "account", who.account_id, KpiField::dispatched, 1);
    event(lease, x, who, "responded", true, note, "", now);
    notify_resident(lease, x, "notify_appeal_responded", now);
  };
  apply(a);
  log_audit(lease, who, "respond", a, "", now);
  for_group(lease, a, Action::respond, apply);
  return std::nullopt;
}

std::optional<std::string> add_note(db::Lease& lease, Appeal& a, const Actor& who,
                                    const std::string& body, std::int64_t upload_id,
                                    std::int64_t now) {
  if (!allowed(Action::note, a.status)) return "error_appeal_step";
  if (!text_ok(body, 4000)) return "error_appeal_note";
  auto id = event(lease, a, who, "note", false, body, "", now);
  if (upload_id) attach(lease, a.id, upload_id, id, false);
  log_audit(lease, who, "note", a, "", now);
  return std::nullopt;
}

std::optional<std::string> reply(db::Lease& lease, Appeal& a, const Actor& who,
                                 const std::string& text, std::int64_t upload_id,
                                 std::int64_t now) {
  if (a.group_id) return "error_appeal_grouped";
  if (!allowed(Action::reply, a.status)) return "error_appeal_step";
  if (!text_ok(text, 4000)) return "error_appeal_reply";
  auto apply = [&](Appeal& x) {
    x.status = "replied";
    x.replied_at = now;
    x.public_reply = text;
    x.updated_at = now;
    save_state(lease, x);
    auto id = event(lease, x, who, "replied", true, text, "", now);
    if (upload_id) attach(lease, x.id, upload_id, id, true);
    notify_resident(lease, x, "notify_appeal_replied", now);
  };
  apply(a);
  log_audit(lease, who, "reply", a, "", now);
  for_group(lease, a, Action::reply, apply);
  return std::nullopt;
}

std::optional<std::string> extend(db::Lease& lease, Appeal& a, const Actor& who,
                                  std::int64_t extra_days, const std::string& reason,
                                  std::int64_t now) {
  if (a.group_id) return "error_appeal_grouped";
  if (!allowed(Action::extend, a.status)) return "error_appeal_step";
  if (extra_days < 1 || extra_days > 30) return "error_appeal_extension_days";
  if (!text_ok(reason, 2000)) return "error_appeal_reason";
  int taken = 0;
  for (const auto& e : events_of(lease, a.id)) taken += e.kind == "extended";
  if (taken >= k_max_extensions) return "error_appeal_extension_limit";
  auto cal = load_calendar(lease);
  auto apply = [&](Appeal& x) {
    x.resolve_due = cal.add_working_days(std::max(x.resolve_due, now) - 1, extra_days);
    x.updated_at = now;
    save_state(lease, x);
    event(lease, x, who, "extended", true, reason, std::to_string(x.resolve_due), now);
    schedule_deadlines(lease, x);
    notify_resident(lease, x, "notify_appeal_extended", now);
  };
  apply(a);
  log_audit(lease, who, "extend", a, "days=" + std::to_string(extra_days), now);
  for_group(lease, a, Action::extend, apply);
  return std::nullopt;
}

std::optional<std::string> rate(db::Lease& lease, Appeal& a, const Actor& who,
                                const std::string& rating_text, bool resolved,
                                const std::string& comment, bool by_staff, std::int64_t now) {
  if (!allowed(by_staff ? Action::visit : Action::rate, a.status)) return "error_appeal_step";
  auto rating = parse_rating(rating_text);
  if (!rating) return "error_appeal_rating";
  if (!optional_text_ok(comment, 2000)) return "error_appeal_reason";
  // A return visit stands in for a rating the resident did not give: for appeals without
  // a resident account, or once the resident has had three days to rate.
  if (by_staff && a.resident_id && now < a.replied_at + k_rating_window)
    return "error_appeal_visit_early";
  auto next = status_after_rating(*rating, a.reopen_count);
  a.rating = rating_name(*rating);
  a.resolved = resolved;
  a.updated_at = now;
  event(lease, a, who, by_staff ? "visited" : "rated", true, comment,
        a.rating + (resolved ? ":resolved" : ":unresolved"), now);
  if (next == "in_progress") {
    // A first "not satisfied" reopens the appeal for the same lead unit.
    a.reopen_count += 1;
    a.status = "in_progress";
    a.escalation_level = 0;
    a.replied_at = 0;
    a.public_reply.clear();  // the earlier reply stays in the timeline, not as the answer
    a.resolve_due = load_calendar(lease).add_working_days(now, 5);
    save_state(lease, a);
    event(lease, a, {0, 0}, "reopened", true, "", "", now);
    schedule_deadlines(lease, a);
    notify_unit(lease, a.lead_unit_id, "notify_appeal_reopened", a, now);
  } else {
    // Only the rating that ends the loop is counted, once per appeal.
    a.status = next;
    if (next == "closed") a.closed_at = now;
    save_state(lease, a);
    for (const auto& [kind, id] : {std::pair<std::string, std::int64_t>{"unit", a.lead_unit_id},
                                   {"account", a.handler_id}}) {
      kpi_add(lease, a.month, kind, id, KpiField::rated, 1);
      if (resolved) kpi_add(lease, a.month, kind, id, KpiField::resolved, 1);
      kpi_add(lease, a.month, kind, id,
              *rating == Rating::satisfied ? KpiField::satisfied
              : *rating == Rating::basic   ? KpiField::basic
                                           : KpiField::unsatisfied,
              1);
    }
    if (next == "review")
      if (auto street = org::find_unit(lease, a.desk_unit_id))
        notify_unit(lease, street->parent_id, "notify_appeal_review", a, now);
  }
  log_audit(lease, who, by_staff ? "visit" : "rate", a, "rating=" + a.rating, now);
  return std::nullopt;
}

std::optional<std::string> review(db::Lease& lease, Appeal& a, const Actor& who,
                                  const std::string& conclusion, std::int64_t now) {
  if (!allowed(Action::review, a.status)) return "error_appeal_step";
  if (!text_ok(conclusion, 4000)) return "error_appeal_reason";
  a.status = "closed";
  a.closed_at = now;
  a.updated_at = now;
  save_state(lease, a);
  event(lease, a, who, "reviewed", true, conclusion, "", now);
  notify_resident(lease, a, "notify_appeal_reviewed", now);
  log_audit(lease, who, "review", a, "", now);
  return std::nullopt;
}

std::optional<std::string> group(db::Lease& lease, Appeal& primary, Appeal& member,
                                 const Actor& who, std::int64_t now) {
  if (primary.id == member.id || primary.group_id || member.group_id ||
      !group_members(lease, member.id).empty())
    return "error_appeal_group";
  // Only a member not yet worked on joins, and only a primary not yet answered takes one:
  // the member then follows the primary's remaining steps, and is counted for them once.
  bool member_fresh = member.status == "awaiting_dispatch" || member.status == "dispatched";
  bool primary_open = primary.status == "awaiting_dispatch" || primary.status == "dispatched" ||
                      primary.status == "in_progress";
  if (!member_fresh || !primary_open) return "error_appeal_group";
  if (member.lead_unit_id && member.lead_unit_id != primary.lead_unit_id)
    kpi_add(lease, member.month, "unit", member.lead_unit_id, KpiField::dispatched, -1);
  bool newly_dispatched = primary.lead_unit_id && member.lead_unit_id != primary.lead_unit_id;
  // If the primary has already been responded to, the member is responded to now, on
  // time by its own deadline when it had one.
  bool responds_now = primary.status == "in_progress";
  auto own_due = member.response_due ? member.response_due : primary.response_due;
  member.group_id = primary.id;
  member.status = primary.status;
  member.lead_unit_id = primary.lead_unit_id;
  member.dispatched_at = primary.dispatched_at;
  member.response_due = primary.response_due;
  member.resolve_due = primary.resolve_due;
  member.responded_at = responds_now ? now : 0;
  member.handler_id = primary.handler_id;
  member.escalation_level = primary.escalation_level;
  member.updated_at = now;
  save_state(lease, member);
  std::vector<std::int64_t> assisting;
  for (const auto& u : units_of(lease, primary.id))
    if (u.role == "assist") assisting.push_back(u.unit_id);
  set_units(lease, member.id, primary.lead_unit_id, assisting, now);
  if (newly_dispatched)
    kpi_add(lease, member.month, "unit", member.lead_unit_id, KpiField::dispatched, 1);
  if (responds_now) {
    kpi_add(lease, member.month, "account", member.handler_id, KpiField::dispatched, 1);
    if (now <= own_due) {
      kpi_add(lease, member.month, "unit", member.lead_unit_id, KpiField::responded_on_time, 1);
      kpi_add(lease, member.month, "account", member.handler_id, KpiField::responded_on_time, 1);
    }
  }
  event(lease, member, who, "grouped", true, "", primary.public_no, now);
  event(lease, primary, who, "group_added", false, "", member.public_no, now);
  log_audit(lease, who, "group", member, "primary=" + primary.public_no, now);
  return std::nullopt;
}

void run_deadline_job(db::Lease& lease, const std::string& payload, std::int64_t now) {
  auto colon = payload.find(':');
  if (colon == std::string::npos) return;
  std::int64_t id = 0;
  try {
    id = std::stoll(payload.substr(0, colon));
  } catch (...) {
    return;
  }
  auto kind = payload.substr(colon + 1);
  auto a = find_appeal_for_update(lease, id);
  if (!a) return;
  bool missed = kind == "response"
                    ? a->status == "dispatched" && a->response_due && a->response_due <= now
                    : (a->status == "dispatched" || a->status == "in_progress") && a->resolve_due &&
                          a->resolve_due <= now;
  if (!missed || a->escalation_level >= k_top_level) return;
  a->escalation_level = next_level(a->escalation_level);
  a->updated_at = now;
  save_state(lease, *a);
  // Level 1 is the street centre that dispatched it; level 2, or a street's own miss,
  // is the district.
  auto street = org::find_unit(lease, a->desk_unit_id);
  std::int64_t supervisor = a->desk_unit_id;
  if (street && (a->escalation_level >= 2 || a->lead_unit_id == a->desk_unit_id))
    supervisor = street->parent_id;
  auto unit = org::find_unit(lease, supervisor);
  add_event(lease, {0, a->id, now, 0, supervisor, "escalated", true, "",
                    kind + ":" + (unit ? unit->name : ""), "", ""});
  notify_unit(lease, supervisor, "notify_appeal_escalated", *a, now);
  audit::append(lease,
                {0, "appeals.escalate", "appeal", a->public_no,
                 kind + " level=" + std::to_string(a->escalation_level)},
                now);
  // Still unhandled a working day later: climb again.
  if (a->escalation_level < k_top_level)
    jobs::enqueue(lease, k_deadline_job, payload, load_calendar(lease).add_working_hours(now, 24),
                  "appeal-" + std::to_string(id) + "-" + kind + "-due-" +
                      std::to_string(kind == "response" ? a->response_due : a->resolve_due) +
                      "-level-" + std::to_string(a->escalation_level));
}
}  // namespace silian::appeals
