// The handlers' workbench: the appeal list with filters and full-text search, the detail
// page with its timeline and the actions this user may take now, and staff intake.
#include <set>

#include "silian/modules/appeals/http/access.hpp"
#include "silian/modules/appeals/http/route_groups.hpp"
#include "silian/modules/appeals/service/flow.hpp"
#include "silian/modules/lists/api.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/crypto/vault.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/uploads/uploads.hpp"

namespace silian::appeals {
namespace {
using http::RequestContext;
using http::Response;
constexpr int k_page_size = 20;
const std::vector<std::string> k_statuses = {"awaiting_dispatch", "dispatched", "in_progress",
                                             "replied",           "review",     "closed"};

Filter filter_from_query(RequestContext& ctx) {
  Filter f;
  f.status = ctx.query("status");
  if (f.status != "open" &&
      std::find(k_statuses.begin(), k_statuses.end(), f.status) == k_statuses.end())
    f.status.clear();
  f.text = ctx.query("q");
  f.category_id = http::parse_id(ctx.query("category")).value_or(0);
  f.lead_unit_id = http::parse_id(ctx.query("handler")).value_or(0);
  f.overdue = ctx.query("overdue") == "1";
  f.now = ctx.platform.clock.now();
  return f;
}

Response list(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto f = filter_from_query(ctx);
  if (auto place = http::parse_id(ctx.query("place")))
    if (auto unit = org::find_unit(lease, *place)) f.place_path = unit->path;
  restrict_to_user(ctx.user(), f);
  auto page = std::min(ctx.page_number(), 500);  // narrow the filters to go further
  auto found = search(lease, f, k_page_size, (page - 1) * k_page_size);
  bool more = static_cast<int>(found.size()) > k_page_size;
  if (more) found.pop_back();
  auto now = ctx.platform.clock.now();
  auto rows = views::Value::list();
  for (const auto& a : found) rows.push(appeal_row(ctx, a, now));
  auto statuses = views::Value::list();
  for (const auto& s : std::vector<std::string>{"open", "awaiting_dispatch", "dispatched",
                                                "in_progress", "replied", "review", "closed"})
    statuses.push(views::Value{
        {"code", s}, {"label", ctx.t("appeal_status_" + s)}, {"selected", f.status == s}});
  auto cats = views::Value::list();
  for (const auto& c : categories(lease, false))
    cats.push(views::Value{
        {"id", c.id}, {"name", ctx.script(c.name)}, {"selected", c.id == f.category_id}});
  auto places = views::Value::list();
  auto handlers = views::Value::list();
  auto chosen_place = http::parse_id(ctx.query("place")).value_or(0);
  for (const auto& u : org::all_units(lease)) {
    if (u.kind == "street" || u.kind == "community")
      places.push(views::Value{{"id", u.id},
                               {"name", (u.kind == "community" ? "　" : "") + ctx.script(u.name)},
                               {"selected", u.id == chosen_place}});
    if (u.kind == "department" || u.kind == "street" || u.kind == "community")
      handlers.push(views::Value{
          {"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == f.lead_unit_id}});
  }
  // The query string without the page, for the pagination links.
  std::string base = "?status=" + http::url_encode(f.status) + "&q=" + http::url_encode(f.text) +
                     "&category=" + (f.category_id ? std::to_string(f.category_id) : "") +
                     "&place=" + (chosen_place ? std::to_string(chosen_place) : "") +
                     "&handler=" + (f.lead_unit_id ? std::to_string(f.lead_unit_id) : "") +
                     (f.overdue ? "&overdue=1" : "");
  views::Value data{{"rows", rows},
                    {"empty", found.empty()},
                    {"q", f.text},
                    {"statuses", statuses},
                    {"categories", cats},
                    {"places", places},
                    {"handlers", handlers},
                    {"overdue", f.overdue},
                    {"page", page},
                    {"may_intake", ctx.platform.permissions.allows("appeals.intake", &ctx.user())}};
  if (more) data.set("next_href", base + "&page=" + std::to_string(page + 1));
  if (page > 1) data.set("prev_href", base + "&page=" + std::to_string(page - 1));
  return ctx.page("src/modules/appeals/views/appeals.mustache", "appeals_title", data);
}

struct Loaded {
  Appeal appeal;
  std::vector<AppealUnit> units;
};

// The appeal of the path, when this staff member may see it; `for_update` locks its row
// for the write transaction the caller holds.
std::optional<Loaded> load_visible(RequestContext& ctx, db::Lease& lease, bool for_update) {
  auto id = ctx.id_param("id");
  auto a = !id          ? std::nullopt
           : for_update ? find_appeal_for_update(lease, *id)
                        : find_appeal(lease, *id);
  if (!a) return std::nullopt;
  auto units = units_of(lease, a->id);
  if (!staff_may_view(ctx.user(), *a, units)) return std::nullopt;
  return Loaded{*a, units};
}

Response detail(RequestContext& ctx) {
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto loaded = load_visible(ctx, lease, false);
  if (!loaded) return ctx.error(404, "error_not_found");
  auto& a = loaded->appeal;
  const auto& who = ctx.user();
  bool handler = is_handler(who, a);
  bool assisting = is_assisting(who, loaded->units);
  bool dispatcher = may_dispatch(who, a);
  bool grouped = a.group_id != 0;
  auto now = p.clock.now();
  views::Value data{{"appeal", appeal_row(ctx, a, now)},
                    {"description", ctx.script(a.description)},
                    {"channel", ctx.t("appeal_channel_" + a.channel)},
                    {"timeline", timeline(ctx, events_of(lease, a.id), true)},
                    {"csrf", ctx.csrf_token}};
  if (!a.address.empty()) data.set("address", ctx.script(a.address));
  if (!a.grid_name.empty()) data.set("grid", ctx.script(a.grid_name));
  if (a.lat) data.set("point", std::to_string(*a.lat) + ", " + std::to_string(*a.lng));
  if (a.response_due) data.set("response_due", format_deadline(a.response_due));
  if (!a.public_reply.empty()) data.set("reply", ctx.script(a.public_reply));
  if (!a.rating.empty()) data.set("rating", ctx.t("appeal_rating_" + a.rating));
  // The contact: the handler sees it in full (and the read is logged); others in scope
  // see it masked unless the resident asked for anonymity.
  if (!a.contact_name_sealed.empty() || !a.contact_phone_sealed.empty()) {
    auto name = p.vault.open(a.contact_name_sealed).value_or("");
    auto phone = p.vault.open(a.contact_phone_sealed).value_or("");
    if (handler) {
      ctx.keep_private();  // the full contact, and its reading is recorded every time
      db::Transaction tx(lease);
      audit::append(lease, {who.account_id, "appeals.contact.read", "appeal", a.public_no, ""},
                    now);
      tx.commit();
      data.set("contact", name + (phone.empty() ? "" : " " + phone));
    } else if (!a.anonymous) {
      data.set("contact",
               crypto::mask_name(name) + (phone.empty() ? "" : " " + crypto::mask_phone(phone)));
    }
  }
  if (a.anonymous) data.set("anonymous", true);
  // A community's own matter may go on to the consultation council as a topic (C4).
  if (a.route == "community") {
    data.set("community_matter", true);
    if (ctx.user().covers(a.place_path,
                          {"community_worker", "community_director", "council_member"}))
      data.set("may_take_to_council", true);
  }
  auto units = views::Value::list();
  for (const auto& u : loaded->units)
    units.push(
        views::Value{{"name", ctx.script(u.name)}, {"role", ctx.t("appeal_unit_" + u.role)}});
  data.set("units", units);
  auto files = views::Value::list();
  for (const auto& x : attachments_of(lease, a.id))
    files.push(views::Value{
        {"href", "/appeals/" + std::to_string(a.id) + "/files/" + std::to_string(x.upload_id)},
        {"name", x.original_name.empty() ? x.content_type : x.original_name},
        {"image", x.content_type.starts_with("image/")}});
  data.set("files", files);
  if (grouped)
    if (auto primary = find_appeal(lease, a.group_id))
      data.set("primary", views::Value{{"id", primary->id}, {"no", primary->public_no}});
  auto members = views::Value::list();
  for (const auto& m : group_members(lease, a.id))
    members.push(views::Value{{"id", m.id}, {"no", m.public_no}});
  data.set("members", members);
  data.set("has_members", !members.as_list().empty());

  // Actions this user may take now.
  if (dispatcher && !grouped && allowed(Action::dispatch, a.status)) {
    auto leads = views::Value::list();
    std::int64_t suggested = 0;
    if (auto cat = find_category(lease, a.category_id))
      if (auto item = lists::find_published(lease, cat->list_kind, cat->list_code))
        suggested = item->department_id;
    for (const auto& u : org::all_units(lease))
      if (u.active && (u.kind == "department" || u.kind == "street" || u.kind == "community"))
        leads.push(views::Value{
            {"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == suggested}});
    data.set("dispatch", views::Value{{"units", leads}});
  }
  bool act = handler && !grouped;
  if (act && allowed(Action::give_back, a.status)) data.set("can_return", true);
  if (act && allowed(Action::respond, a.status)) data.set("can_respond", true);
  if (act && allowed(Action::reply, a.status)) data.set("can_reply", true);
  if (act && allowed(Action::extend, a.status)) data.set("can_extend", true);
  if ((handler || assisting || dispatcher) && allowed(Action::note, a.status))
    data.set("can_note", true);
  if (may_visit(who, a) && allowed(Action::visit, a.status)) data.set("can_visit", true);
  if (who.has_role("district_admin") && allowed(Action::review, a.status))
    data.set("can_review", true);
  // Near-duplicates: same place, similar text, last 30 days.
  if ((handler || dispatcher) && !grouped && is_open(a.status) && a.status != "replied") {
    auto dupes = views::Value::list();
    for (const auto& [d, score] : near_duplicates(lease, a, now - 30 * 86400, 0.3)) {
      if (d.group_id || (d.status != "awaiting_dispatch" && d.status != "dispatched")) continue;
      // Only what this user may see anyway.
      if (!staff_may_view(who, d, units_of(lease, d.id))) continue;
      dupes.push(views::Value{{"id", d.id},
                              {"no", d.public_no},
                              {"summary", ctx.script(utf8_prefix(d.description, 90))},
                              {"score", std::to_string(static_cast<int>(score * 100)) + "%"}});
    }
    data.set("duplicates", dupes);
    data.set("has_duplicates", !dupes.as_list().empty());
  }
  return ctx.page("src/modules/appeals/views/appeal_detail.mustache", "appeal_detail_title", data);
}

// Runs one action in a transaction on a visible appeal, re-read under the write lock.
template <typename F>
Response act(RequestContext& ctx, F&& step, const std::string& notice) {
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  db::Transaction tx(lease);
  auto loaded = load_visible(ctx, lease, true);
  if (!loaded) return ctx.error(404, "error_not_found");
  Actor who{ctx.user().account_id, acting_unit_for(ctx.user(), loaded->appeal, loaded->units)};
  std::optional<std::string> refusal = step(loaded->appeal, loaded->units, who, lease);
  if (refusal) {
    if (*refusal == "error_forbidden") return ctx.error(403, *refusal);
    return ctx.error(*refusal == "error_appeal_step" ? 409 : 422, *refusal);
  }
  tx.commit();
  return ctx.redirect("/appeals/" + std::to_string(loaded->appeal.id), notice);
}

std::optional<std::string> optional_upload(RequestContext& ctx, db::Lease& lease,
                                           std::int64_t& upload_id, bool images_only) {
  auto files = ctx.files("file");
  if (files.empty()) return std::nullopt;
  if (files.size() > 1) return "error_upload_count";
  auto r = uploads::check(files[0]->data, images_only);
  if (r == uploads::Refusal::too_large) return "error_upload_too_large";
  if (r != uploads::Refusal::none) return "error_upload_type";
  upload_id = uploads::store(lease, files[0]->data, files[0]->filename, images_only,
                             ctx.user().account_id, ctx.platform.clock.now())
                  .id;
  return std::nullopt;
}

Response do_dispatch(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!may_dispatch(ctx.user(), a)) return "error_forbidden";
        auto lead = ctx.id_form("lead");
        if (!lead) return "error_appeal_lead";
        std::vector<std::int64_t> assisting;
        std::set<std::int64_t> ids;
        for (const auto& v : ctx.form_values("assist")) {
          auto id = http::parse_id(v);
          if (!id || ids.size() >= 10) return "error_appeal_assist";
          if (ids.insert(*id).second) assisting.push_back(*id);  // 5 and 05 are one unit
        }
        return dispatch(lease, a, who, *lead, assisting, ctx.platform.clock.now());
      },
      "notice_appeal_dispatched");
}

Response do_return(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!is_handler(ctx.user(), a)) return "error_forbidden";
        return give_back(lease, a, who, ctx.form("reason"), ctx.platform.clock.now());
      },
      "notice_appeal_returned");
}

Response do_respond(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!is_handler(ctx.user(), a)) return "error_forbidden";
        return respond(lease, a, who, ctx.form("note"), ctx.platform.clock.now());
      },
      "notice_appeal_responded");
}

Response do_note(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>& units, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!is_handler(ctx.user(), a) && !is_assisting(ctx.user(), units) &&
            !may_dispatch(ctx.user(), a))
          return "error_forbidden";
        std::int64_t upload = 0;
        if (auto refusal = optional_upload(ctx, lease, upload, false)) return refusal;
        return add_note(lease, a, who, ctx.form("body"), upload, ctx.platform.clock.now());
      },
      "notice_appeal_noted");
}

Response do_reply(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!is_handler(ctx.user(), a)) return "error_forbidden";
        std::int64_t upload = 0;
        if (auto refusal = optional_upload(ctx, lease, upload, false)) return refusal;
        return reply(lease, a, who, ctx.form("reply"), upload, ctx.platform.clock.now());
      },
      "notice_appeal_replied");
}

Response do_extend(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!is_handler(ctx.user(), a)) return "error_forbidden";
        auto days = http::parse_id(ctx.form("days"));
        return extend(lease, a, who, days.value_or(0), ctx.form("reason"),
                      ctx.platform.clock.now());
      },
      "notice_appeal_extended");
}

Response do_visit(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!may_visit(ctx.user(), a)) return "error_forbidden";
        auto resolved = ctx.form("resolved");
        if (resolved != "yes" && resolved != "no") return "error_appeal_rating";
        return rate(lease, a, who, ctx.form("rating"), resolved == "yes", ctx.form("note"), true,
                    ctx.platform.clock.now());
      },
      "notice_appeal_visited");
}

Response do_review(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        return review(lease, a, who, ctx.form("conclusion"), ctx.platform.clock.now());
      },
      "notice_appeal_reviewed");
}

Response do_group(RequestContext& ctx) {
  return act(
      ctx,
      [&](Appeal& a, const std::vector<AppealUnit>&, const Actor& who,
          db::Lease& lease) -> std::optional<std::string> {
        if (!is_handler(ctx.user(), a) && !may_dispatch(ctx.user(), a)) return "error_forbidden";
        auto other_id = ctx.id_form("member");
        auto other = other_id ? find_appeal_for_update(lease, *other_id) : std::nullopt;
        if (!other || !staff_may_view(ctx.user(), *other, units_of(lease, other->id)))
          return "error_appeal_group";
        // Taking over another appeal needs the authority to dispatch it, unless it is
        // already this handler's own.
        bool own = other->lead_unit_id && other->lead_unit_id == a.lead_unit_id &&
                   is_handler(ctx.user(), *other);
        if (!may_dispatch(ctx.user(), *other) && !own) return "error_forbidden";
        // The appeal open on the page becomes the primary; the suggestion joins it.
        return group(lease, a, *other, who, ctx.platform.clock.now());
      },
      "notice_appeal_grouped");
}
}  // namespace

void register_staff_routes(http::Router& router) {
  router.get("/appeals/intake", "appeals.intake",
             [](RequestContext& ctx) { return intake_form(ctx, true, 200, {}); });
  router.post("/appeals/intake", "appeals.intake",
              [](RequestContext& ctx) { return intake_submit(ctx, true); });
  router.get_shared("/appeals", "appeals.handle", list);
  router.get_shared("/appeals/{id}", "appeals.handle", detail);
  router.post("/appeals/{id}/dispatch", "appeals.dispatch", do_dispatch);
  router.post("/appeals/{id}/return", "appeals.handle", do_return);
  router.post("/appeals/{id}/respond", "appeals.handle", do_respond);
  router.post("/appeals/{id}/note", "appeals.handle", do_note);
  router.post("/appeals/{id}/reply", "appeals.handle", do_reply);
  router.post("/appeals/{id}/extend", "appeals.handle", do_extend);
  router.post("/appeals/{id}/visit", "appeals.handle", do_visit);
  router.post("/appeals/{id}/review", "appeals.review", do_review);
  router.post("/appeals/{id}/group", "appeals.handle", do_group);
}
}  // namespace silian::appeals
