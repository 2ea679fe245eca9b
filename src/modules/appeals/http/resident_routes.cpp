// The resident's side: the intake form (web and QR code), "my appeals" with a
// parcel-tracking timeline, the rating, and the photos attached to an appeal.
#include <set>

#include "silian/modules/appeals/http/access.hpp"
#include "silian/modules/appeals/http/route_groups.hpp"
#include "silian/modules/appeals/service/flow.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/uploads/uploads.hpp"

namespace silian::appeals {
namespace {
using http::RequestContext;
using http::Response;
constexpr std::size_t k_max_photos = 4;

std::int64_t home_community(const auth::Principal& who) {
  for (const auto& r : who.roles)
    if (r.role == "resident" && r.unit_kind == "community") return r.unit_id;
  for (const auto& r : who.roles)
    if (r.unit_kind == "community") return r.unit_id;
  return 0;
}

std::string upload_refusal_key(uploads::Refusal r) {
  switch (r) {
    case uploads::Refusal::too_large:
      return "error_upload_too_large";
    case uploads::Refusal::bad_type:
      return "error_upload_type";
    default:
      return "error_upload_empty";
  }
}

Response my_list(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  Filter f;
  f.resident_id = ctx.user().account_id;
  auto page = ctx.page_number();
  auto found = search(lease, f, 20, (page - 1) * 20);
  bool more = found.size() > 20;
  if (more) found.pop_back();
  auto rows = views::Value::list();
  auto now = ctx.platform.clock.now();
  for (const auto& a : found) rows.push(appeal_row(ctx, a, now));
  views::Value data{{"rows", rows}, {"empty", found.empty()}};
  if (more) data.set("next_page", page + 1);
  if (page > 1) data.set("prev_page", page - 1);
  return ctx.page("src/modules/appeals/views/my_appeals.mustache", "my_appeals_title", data);
}

Response my_detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto a = id ? find_appeal(lease, *id) : std::nullopt;
  if (!a || a->resident_id != ctx.user().account_id) return ctx.error(404, "error_not_found");
  auto photos = views::Value::list();
  for (const auto& x : attachments_of(lease, a->id))
    if (x.is_public)
      photos.push(views::Value{
          {"href", "/appeals/" + std::to_string(a->id) + "/files/" + std::to_string(x.upload_id)},
          {"image", x.content_type.starts_with("image/")},
          {"name", x.original_name}});
  views::Value data{{"appeal", appeal_row(ctx, *a, ctx.platform.clock.now())},
                    {"description", ctx.script(a->description)},
                    {"timeline", timeline(ctx, events_of(lease, a->id), false)},
                    {"photos", photos},
                    {"can_rate", allowed(Action::rate, a->status)}};
  if (!a->address.empty()) data.set("address", ctx.script(a->address));
  if (!a->public_reply.empty()) data.set("reply", ctx.script(a->public_reply));
  if (!a->rating.empty()) data.set("rating", ctx.t("appeal_rating_" + a->rating));
  return ctx.page("src/modules/appeals/views/my_appeal.mustache", "my_appeal_title", data);
}

Response my_rate(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  db::Transaction tx(lease);
  auto a = id ? find_appeal_for_update(lease, *id) : std::nullopt;
  if (!a || a->resident_id != ctx.user().account_id) return ctx.error(404, "error_not_found");
  auto resolved = ctx.form("resolved");
  if (resolved != "yes" && resolved != "no") return ctx.error(422, "error_appeal_rating");
  if (auto refusal = rate(lease, *a, {ctx.user().account_id, 0}, ctx.form("rating"),
                          resolved == "yes", ctx.form("comment"), false, p.clock.now()))
    return ctx.error(*refusal == "error_appeal_step" ? 409 : 422, *refusal);
  tx.commit();
  return ctx.redirect("/my/appeals/" + std::to_string(a->id), "notice_appeal_rated");
}

Response qr_entry(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto point = find_service_point(lease, ctx.params.at("code"));
  if (!point) return ctx.error(404, "error_not_found");
  return ctx.redirect("/appeals/new?point=" + http::url_encode(point->code));
}

Response file(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto upload = ctx.id_param("upload");
  auto lease = ctx.platform.db->lease();
  auto a = id ? find_appeal(lease, *id) : std::nullopt;
  if (!a || !upload) return ctx.error(404, "error_not_found");
  auto x = find_attachment(lease, a->id, *upload);
  if (!x) return ctx.error(404, "error_not_found");
  bool owner = a->resident_id && a->resident_id == ctx.user().account_id;
  bool staff = staff_may_view(ctx.user(), *a, units_of(lease, a->id));
  if (!(staff || (owner && x->is_public))) return ctx.error(404, "error_not_found");
  auto f = uploads::load(lease, x->upload_id);
  if (!f) return ctx.error(404, "error_not_found");
  auto r = Response::text(200, f->bytes, f->content_type);
  r.headers.emplace_back("Content-Disposition", "inline");
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return r;
}
}  // namespace

Response intake_form(RequestContext& ctx, bool staff, int status,
                     const std::vector<std::string>& errors) {
  auto lease = ctx.platform.db->lease();
  std::int64_t community = 0, grid = 0;
  std::string address;
  if (auto code = ctx.query("point"); !code.empty())
    if (auto point = find_service_point(lease, code)) {
      community = point->community_id;
      grid = point->grid_id;
      address = point->name + (point->address.empty() ? "" : " " + point->address);
    }
  if (!community) community = home_community(ctx.user());
  if (auto chosen = ctx.id_form("community")) community = *chosen;
  if (auto chosen = ctx.id_form("grid")) grid = *chosen;
  auto category_id = ctx.id_form("category").value_or(0);
  auto cats = views::Value::list();
  for (const auto& c : categories(lease, true))
    cats.push(views::Value{{"id", c.id},
                           {"name", ctx.script(c.name)},
                           {"group", ctx.script(c.group_name)},
                           {"selected", c.id == category_id}});
  auto communities = views::Value::list();
  auto grids = views::Value::list();
  for (const auto& u : org::all_units(lease)) {
    if (u.kind == "community" && u.active)
      communities.push(views::Value{
          {"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == community}});
    if (u.kind == "grid" && u.active && u.parent_id == community)
      grids.push(
          views::Value{{"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == grid}});
  }
  auto error_list = views::Value::list();
  for (const auto& e : errors) error_list.push(views::Value{{"message", ctx.t(e)}});
  std::string channel = ctx.form("channel");
  auto channels = views::Value::list();
  for (const auto* c : {"phone", "walk_in", "door_visit"})
    channels.push(views::Value{{"code", c},
                               {"label", ctx.t(std::string("appeal_channel_") + c)},
                               {"selected", channel == c}});
  views::Value data{{"staff", staff},
                    {"action", staff ? "/appeals/intake" : "/appeals"},
                    {"categories", cats},
                    {"communities", communities},
                    {"grids", grids},
                    {"has_grids", !grids.as_list().empty()},
                    {"channels", channels},
                    {"description", ctx.form("description")},
                    {"address", ctx.form("address").empty() ? address : ctx.form("address")},
                    {"lat", ctx.form("lat")},
                    {"lng", ctx.form("lng")},
                    {"contact_name", ctx.form("contact_name")},
                    {"contact_phone", ctx.form("contact_phone")},
                    {"anonymous", ctx.form("anonymous") == "1"},
                    {"via_point", !ctx.query("point").empty() || ctx.form("via_point") == "1"},
                    {"errors", error_list},
                    {"has_errors", !errors.empty()}};
  return ctx.page("src/modules/appeals/views/appeal_form.mustache",
                  staff ? "appeal_intake_title" : "appeal_new_title", data, status);
}

Response intake_submit(RequestContext& ctx, bool staff) {
  auto& p = ctx.platform;
  Intake in;
  in.category_id = ctx.id_form("category").value_or(0);
  in.description = ctx.form("description");
  in.community_id = ctx.id_form("community").value_or(0);
  in.grid_id = ctx.id_form("grid").value_or(0);
  in.address = ctx.form("address");
  bool bad_point = false;
  in.lat = coordinate(ctx.form("lat"), bad_point);
  in.lng = coordinate(ctx.form("lng"), bad_point);
  in.contact_name = ctx.form("contact_name");
  in.contact_phone = ctx.form("contact_phone");
  in.anonymous = ctx.form("anonymous") == "1";
  if (staff) {
    in.channel = ctx.form("channel");
    in.entered_by = ctx.user().account_id;
    if (in.channel != "phone" && in.channel != "walk_in" && in.channel != "door_visit")
      return intake_form(ctx, staff, 422, {"error_appeal_channel"});
    if (in.contact_name.empty() && in.contact_phone.empty() && !in.anonymous)
      return intake_form(ctx, staff, 422, {"error_appeal_contact"});
  } else {
    in.channel = ctx.form("via_point") == "1" ? "qr" : "web";
    in.resident_id = ctx.user().account_id;
  }
  if (bad_point) return intake_form(ctx, staff, 422, {"error_appeal_point"});
  auto photos = ctx.files("photo");
  if (photos.size() > k_max_photos) return intake_form(ctx, staff, 422, {"error_upload_count"});
  for (const auto* f : photos)
    if (auto r = uploads::check(f->data, true); r != uploads::Refusal::none)
      return intake_form(ctx, staff, 422, {upload_refusal_key(r)});
  auto lease = p.db->lease();
  // Reads and checks first; the write lock is taken only for the writes.
  auto plan = plan_intake(p, lease, in);
  if (auto* refusal = std::get_if<std::string>(&plan))
    return intake_form(ctx, staff, 422, {*refusal});
  db::Transaction tx(lease);
  auto now = p.clock.now();
  auto a = store_intake(lease, std::get<IntakePlan>(plan), now);
  for (const auto* f : photos) {
    auto stored = uploads::store(lease, f->data, f->filename, true, ctx.user().account_id, now);
    attach(lease, a.id, stored.id, 0, true);
  }
  tx.commit();
  if (staff) return ctx.redirect("/appeals/" + std::to_string(a.id), "notice_appeal_received");
  return ctx.redirect("/my/appeals/" + std::to_string(a.id), "notice_appeal_received");
}

void register_resident_routes(http::Router& router) {
  router.get("/appeals/new", "appeals.submit",
             [](RequestContext& ctx) { return intake_form(ctx, false, 200, {}); });
  router.post("/appeals", "appeals.submit",
              [](RequestContext& ctx) { return intake_submit(ctx, false); });
  router.get("/my/appeals", "appeals.submit", my_list);
  router.get("/my/appeals/{id}", "appeals.submit", my_detail);
  router.post("/my/appeals/{id}/rate", "appeals.submit", my_rate);
  router.get("/qr/{code}", "public", qr_entry);
  router.get("/appeals/{id}/files/{upload}", "authenticated", file);
}
}  // namespace silian::appeals
