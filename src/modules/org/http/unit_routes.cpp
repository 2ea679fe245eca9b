// The district administrator's organisation tree: streets, communities, grids,
// departments and organisations.
#include "silian/modules/org/http/form_view.hpp"
#include "silian/modules/org/http/route_groups.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::org {
namespace {
using http::RequestContext;
using http::Response;

std::size_t depth_of(const std::string& path) {
  return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) - 2;
}

Response tree(RequestContext& ctx, const UnitCommand& draft, const std::string& parent,
              const FieldErrors& errors, int status) {
  auto lease = ctx.platform.db->lease();
  auto units = views::Value::list();
  auto parents = views::Value::list();
  for (const auto& u : all_units(lease)) {
    units.push(views::Value{{"id", u.id},
                            {"name", ctx.script(u.name)},
                            {"code", u.code},
                            {"kind", ctx.t("unit_kind_" + u.kind)},
                            {"depth", std::to_string(depth_of(u.path))},
                            {"inactive", !u.active}});
    if (u.kind == "district" || u.kind == "street" || u.kind == "community")
      parents.push(
          views::Value{{"id", u.id},
                       {"label", ctx.script(u.name) + " (" + ctx.t("unit_kind_" + u.kind) + ")"},
                       {"selected", std::to_string(u.id) == parent}});
  }
  auto kinds = views::Value::list();
  for (auto k : k_unit_kinds)
    if (k != "district")
      kinds.push(views::Value{{"code", std::string(k)},
                              {"label", ctx.t("unit_kind_" + std::string(k))},
                              {"selected", draft.kind == k}});
  views::Value data{{"units", units},     {"parents", parents}, {"kinds", kinds},
                    {"code", draft.code}, {"name", draft.name}, {"address", draft.address}};
  add_errors(data, errors, ctx);
  return ctx.page("src/modules/org/views/units.mustache", "units_title", data, status);
}

Response create(RequestContext& ctx) {
  UnitCommand c{"", ctx.form("kind"), ctx.form("code"), ctx.form("name"), ctx.form("address")};
  std::string parent_text = ctx.form("parent");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto parent_id = ctx.id_form("parent");
  auto parent = parent_id ? find_unit(lease, *parent_id) : std::nullopt;
  if (parent) c.parent_kind = parent->kind;
  auto errors = validate_unit(c);
  if (!parent) errors.push_back({"parent", "error_required"});
  if (errors.empty() && find_unit_by_code(lease, c.code))
    errors.push_back({"code", "error_code_taken"});
  if (!errors.empty()) return tree(ctx, c, parent_text, errors, 422);
  OrgUnit unit{0, parent->id, c.kind, c.code, c.name, c.address, "", true};
  auto now = p.clock.now();
  db::Transaction tx(lease);
  try {
    insert_unit(lease, unit, now);
  } catch (const soci::soci_error& e) {
    if (!db::is_unique_violation(e)) throw;
    return tree(ctx, c, parent_text, {{"code", "error_code_taken"}}, 422);
  }
  audit::append(lease,
                {ctx.user().account_id, "org.unit.create", "org_unit", std::to_string(unit.id),
                 unit.kind + " " + unit.code},
                now);
  tx.commit();
  return ctx.redirect("/admin/units", "notice_saved");
}

Response edit_form(RequestContext& ctx, const OrgUnit& u, const FieldErrors& errors, int status) {
  views::Value data{{"id", u.id},
                    {"name", u.name},
                    {"code", u.code},
                    {"address", u.address},
                    {"kind", ctx.t("unit_kind_" + u.kind)},
                    {"active", u.active}};
  add_errors(data, errors, ctx);
  return ctx.page("src/modules/org/views/unit_edit.mustache", "unit_edit_title", data, status);
}

Response edit(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto unit = id ? find_unit(lease, *id) : std::nullopt;
  if (!unit) return ctx.error(404, "error_not_found");
  return edit_form(ctx, *unit, {}, 200);
}

Response update(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto unit = id ? find_unit(lease, *id) : std::nullopt;
  if (!unit) return ctx.error(404, "error_not_found");
  OrgUnit changed = *unit;
  changed.name = ctx.form("name");
  changed.address = ctx.form("address");
  changed.active = ctx.form("active") == "1";
  UnitCommand check{"", "", unit->code, changed.name, changed.address};
  FieldErrors errors;
  for (const auto& e : validate_unit(check))
    if (e.field == "name" || e.field == "address") errors.push_back(e);
  if (!errors.empty()) return edit_form(ctx, changed, errors, 422);
  auto now = p.clock.now();
  db::Transaction tx(lease);
  update_unit(lease, changed);
  audit::append(lease,
                {ctx.user().account_id, "org.unit.update", "org_unit", std::to_string(unit->id),
                 changed.active ? "active" : "inactive"},
                now);
  tx.commit();
  return ctx.redirect("/admin/units", "notice_saved");
}
}  // namespace

void register_unit_routes(http::Router& router) {
  router.get("/admin/units", "org.units.manage",
             [](RequestContext& ctx) { return tree(ctx, {}, "", {}, 200); });
  router.post("/admin/units", "org.units.manage", create);
  router.get("/admin/units/{id}", "org.units.manage", edit);
  router.post("/admin/units/{id}", "org.units.manage", update);
}
}  // namespace silian::org
