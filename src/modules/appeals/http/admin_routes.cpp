// The district administrator's settings for appeals: category deadlines, the holiday
// calendar, service points with their QR codes, and Open311 API keys.
#include "silian/modules/appeals/http/qr_code.hpp"
#include "silian/modules/appeals/http/route_groups.hpp"
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::appeals {
namespace {
using http::RequestContext;
using http::Response;

void log(RequestContext& ctx, db::Lease& lease, const std::string& action,
         const std::string& entity, const std::string& id, const std::string& detail = "") {
  audit::append(lease, {ctx.user().account_id, action, entity, id, detail},
                ctx.platform.clock.now());
}

Response settings_page(RequestContext& ctx, const std::string& new_key = "", int status = 200) {
  auto lease = ctx.platform.db->lease();
  auto cats = views::Value::list();
  for (const auto& c : categories(lease, false))
    cats.push(views::Value{{"id", c.id},
                           {"code", c.code},
                           {"name", ctx.script(c.name)},
                           {"item", c.list_kind + " " + c.list_code},
                           {"route", ctx.t("appeal_route_" + c.route)},
                           {"response_hours", c.response_hours},
                           {"resolve_days", c.resolve_days},
                           {"active", c.active}});
  auto days = views::Value::list();
  for (const auto& h : holidays(lease))
    days.push(views::Value{
        {"day", h.day}, {"kind", ctx.t("appeal_day_" + h.kind)}, {"name", ctx.script(h.name)}});
  auto points = views::Value::list();
  for (const auto& p : service_points(lease))
    points.push(
        views::Value{{"code", p.code},
                     {"name", ctx.script(p.name)},
                     {"community", ctx.script(p.community_name)},
                     {"qr", "/admin/appeals/points/" + http::url_encode(p.code) + "/qr.svg"}});
  auto communities = views::Value::list();
  for (const auto& u : org::units_of_kind(lease, "community"))
    communities.push(views::Value{{"id", u.id}, {"name", ctx.script(u.name)}});
  auto keys = views::Value::list();
  for (const auto& k : api_keys(lease))
    keys.push(views::Value{{"id", k.id},
                           {"name", k.name},
                           {"prefix", k.prefix},
                           {"created", format_local_minutes(k.created_at)},
                           {"revoked", k.revoked_at != 0}});
  views::Value data{{"categories", cats},
                    {"days", days},
                    {"points", points},
                    {"communities", communities},
                    {"keys", keys}};
  if (!new_key.empty()) data.set("new_key", new_key);
  return ctx.page("src/modules/appeals/views/admin.mustache", "appeal_admin_title", data, status);
}

Response save_category(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto c = id ? find_category(lease, *id) : std::nullopt;
  if (!c) return ctx.error(404, "error_not_found");
  auto hours = http::parse_id(ctx.form("response_hours"));
  auto days = http::parse_id(ctx.form("resolve_days"));
  if (!hours || *hours < 1 || *hours > 240 || !days || *days < 1 || *days > 90)
    return ctx.error(422, "error_appeal_deadlines");
  c->response_hours = *hours;
  c->resolve_days = *days;
  c->active = ctx.form("active") == "1";
  update_category(lease, *c);
  log(ctx, lease, "appeals.category.save", "appeal_category", c->code,
      "hours=" + std::to_string(*hours) + " days=" + std::to_string(*days));
  tx.commit();
  return ctx.redirect("/admin/appeals", "notice_saved");
}

Response add_day(RequestContext& ctx) {
  Holiday h{ctx.form("day"), ctx.form("kind"), ctx.form("name")};
  if (!valid_date(h.day) || (h.kind != "holiday" && h.kind != "workday") || h.name.size() > 100)
    return ctx.error(422, "error_appeal_day");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  put_holiday(lease, h);
  log(ctx, lease, "appeals.calendar.put", "holiday", h.day, h.kind);
  tx.commit();
  return ctx.redirect("/admin/appeals", "notice_saved");
}

Response remove_day(RequestContext& ctx) {
  auto day = ctx.form("day");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  if (!valid_date(day) || !remove_holiday(lease, day)) return ctx.error(404, "error_not_found");
  log(ctx, lease, "appeals.calendar.remove", "holiday", day);
  tx.commit();
  return ctx.redirect("/admin/appeals", "notice_saved");
}

Response add_point(RequestContext& ctx) {
  ServicePoint p;
  p.code = ctx.form("code");
  p.name = ctx.form("name");
  p.address = ctx.form("address");
  p.community_id = ctx.id_form("community").value_or(0);
  bool code_ok =
      !p.code.empty() && p.code.size() <= 40 &&
      p.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
  auto lease = ctx.platform.db->lease();
  auto community = org::find_unit(lease, p.community_id);
  if (!code_ok || p.name.empty() || p.name.size() > 200 || p.address.size() > 300 || !community ||
      community->kind != "community")
    return ctx.error(422, "error_appeal_point_form");
  db::Transaction tx(lease);
  try {
    insert_service_point(lease, p);
  } catch (const soci::soci_error& e) {
    if (db::is_unique_violation(e)) return ctx.error(409, "error_appeal_point_code");
    throw;
  }
  log(ctx, lease, "appeals.point.add", "service_point", p.code);
  tx.commit();
  return ctx.redirect("/admin/appeals", "notice_saved");
}

Response point_qr(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto point = find_service_point(lease, ctx.params.at("code"));
  if (!point) return ctx.error(404, "error_not_found");
  // The code holds the path only when no public address is configured.
  auto base = std::getenv("SILIAN_PUBLIC_URL") ? std::string(std::getenv("SILIAN_PUBLIC_URL")) : "";
  auto svg = qr_svg(base + "/qr/" + point->code);
  if (!svg) return ctx.error(500, "error_internal");
  return Response::text(200, *svg, "image/svg+xml");
}

Response add_key(RequestContext& ctx) {
  auto name = ctx.form("name");
  if (name.empty() || name.size() > 100) return ctx.error(422, "error_apikey_name");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  std::int64_t id = 0;
  auto key = create_api_key(lease, name, ctx.user().account_id, ctx.platform.clock.now(), &id);
  log(ctx, lease, "appeals.apikey.create", "api_key", std::to_string(id), name);
  tx.commit();
  // Shown once, on this answer only; never stored in clear.
  return settings_page(ctx, key, 201);
}

Response revoke_key(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  if (!id || !revoke_api_key(lease, *id, ctx.platform.clock.now()))
    return ctx.error(404, "error_not_found");
  log(ctx, lease, "appeals.apikey.revoke", "api_key", std::to_string(*id));
  tx.commit();
  return ctx.redirect("/admin/appeals", "notice_apikey_revoked");
}
}  // namespace

void register_admin_routes(http::Router& router) {
  router.get("/admin/appeals", "appeals.admin",
             [](RequestContext& ctx) { return settings_page(ctx); });
  router.post("/admin/appeals/categories/{id}", "appeals.admin", save_category);
  router.post("/admin/appeals/calendar", "appeals.admin", add_day);
  router.post("/admin/appeals/calendar/remove", "appeals.admin", remove_day);
  router.post("/admin/appeals/points", "appeals.admin", add_point);
  router.get("/admin/appeals/points/{code}/qr.svg", "appeals.admin", point_qr);
  router.post("/admin/appeals/apikeys", "appeals.admin", add_key);
  router.post("/admin/appeals/apikeys/{id}/revoke", "appeals.admin", revoke_key);
}
}  // namespace silian::appeals
