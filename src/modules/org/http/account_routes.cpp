// Accounts and scoped role assignments, managed by the district administrator.
#include "silian/modules/org/http/form_view.hpp"
#include "silian/modules/org/http/route_groups.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/roles.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::org {
namespace {
using http::RequestContext;
using http::Response;
constexpr int k_per_page = 20;

Response list(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  std::string q = ctx.query("q");
  int page = ctx.page_number();
  auto result = auth::list_accounts(lease, q, page, k_per_page);
  auto rows = views::Value::list();
  for (const auto& a : result.rows)
    rows.push(views::Value{{"id", a.id},
                           {"username", a.username},
                           {"name", ctx.script(a.display_name)},
                           {"status", ctx.t("account_status_" + a.status)},
                           {"disabled", a.status != "active"}});
  auto pages = (result.total + k_per_page - 1) / k_per_page;
  views::Value data{{"rows", rows},
                    {"q", q},
                    {"q_url", http::url_encode(q)},
                    {"total", static_cast<long long>(result.total)},
                    {"page", page},
                    {"pages", static_cast<long long>(std::max<std::int64_t>(pages, 1))},
                    {"has_prev", page > 1},
                    {"has_next", page < pages},
                    {"prev", page - 1},
                    {"next", page + 1}};
  return ctx.page("src/modules/org/views/accounts.mustache", "accounts_title", data);
}

Response new_form(RequestContext& ctx, const AccountCommand& c, const FieldErrors& errors,
                  int status) {
  views::Value data{{"username", c.username}, {"display_name", c.display_name}};
  add_errors(data, errors, ctx);
  return ctx.page("src/modules/org/views/account_new.mustache", "account_new_title", data, status);
}

Response create(RequestContext& ctx) {
  AccountCommand c{ctx.form("username"), ctx.form("display_name"), ctx.form("password")};
  auto errors = validate_account(c);
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  if (errors.empty() && auth::find_account_by_username(lease, c.username))
    errors.push_back({"username", "error_username_taken"});
  if (!errors.empty()) return new_form(ctx, c, errors, 422);
  auto now = p.clock.now();
  auto hash = crypto::hash_password(c.password, p.config.password_cost);
  db::Transaction tx(lease);
  std::int64_t id = 0;
  try {
    id = auth::insert_account(lease, {0, c.username, c.display_name, hash, "active", now});
  } catch (const soci::soci_error& e) {
    if (!db::is_unique_violation(e)) throw;
    return new_form(ctx, c, {{"username", "error_username_taken"}}, 422);
  }
  audit::append(
      lease,
      {ctx.user().account_id, "org.account.create", "account", std::to_string(id), c.username},
      now);
  tx.commit();
  return ctx.redirect("/admin/accounts/" + std::to_string(id), "notice_saved");
}

Response detail_page(RequestContext& ctx, std::int64_t id, const FieldErrors& errors, int status) {
  auto lease = ctx.platform.db->lease();
  auto account = auth::find_account(lease, id);
  if (!account) return ctx.error(404, "error_not_found");
  auto roles = views::Value::list();
  for (const auto& r : auth::roles_of(lease, id))
    roles.push(views::Value{
        {"id", r.id}, {"role", ctx.t("role_" + r.role)}, {"unit", ctx.script(r.unit_name)}});
  // After a refused assignment the form keeps what was chosen (empty on a plain GET).
  std::string chosen_role = ctx.form("role");
  std::string chosen_unit = ctx.form("unit");
  auto role_options = views::Value::list();
  for (auto r : auth::k_roles)
    role_options.push(views::Value{{"code", std::string(r)},
                                   {"label", ctx.t("role_" + std::string(r))},
                                   {"selected", chosen_role == r}});
  auto units = views::Value::list();
  for (const auto& u : all_units(lease))
    units.push(
        views::Value{{"id", u.id},
                     {"label", ctx.script(u.name) + " (" + ctx.t("unit_kind_" + u.kind) + ")"},
                     {"selected", chosen_unit == std::to_string(u.id)}});
  views::Value data{{"id", id},
                    {"account_id", id},
                    {"username", account->username},
                    {"name", ctx.script(account->display_name)},
                    {"active", account->status == "active"},
                    {"status", ctx.t("account_status_" + account->status)},
                    {"roles", roles},
                    {"no_roles", roles.as_list().empty()},
                    {"role_options", role_options},
                    {"units", units}};
  add_errors(data, errors, ctx);
  return ctx.page("src/modules/org/views/account_detail.mustache", "account_detail_title", data,
                  status);
}

Response detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return ctx.error(404, "error_not_found");
  return detail_page(ctx, *id, {}, 200);
}

Response assign(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return ctx.error(404, "error_not_found");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  if (!auth::find_account(lease, *id)) return ctx.error(404, "error_not_found");
  std::string role = ctx.form("role");
  FieldErrors errors;
  if (!auth::is_role(role)) errors.push_back({"role", "error_unknown_role"});
  auto unit_id = ctx.id_form("unit");
  auto unit = unit_id ? find_unit(lease, *unit_id) : std::nullopt;
  if (!unit) errors.push_back({"unit", "error_required"});
  if (unit && auth::is_role(role) && !auth::role_fits_unit(role, unit->kind))
    errors.push_back({"unit", "error_role_unit"});
  if (!errors.empty()) return detail_page(ctx, *id, errors, 422);
  auto now = p.clock.now();
  db::Transaction tx(lease);
  if (!auth::assign_role(lease, *id, role, unit->id, ctx.user().account_id, now))
    return detail_page(ctx, *id, {{"role", "error_role_exists"}}, 422);
  audit::append(lease,
                {ctx.user().account_id, "org.role.assign", "account", std::to_string(*id),
                 role + "@" + unit->code},
                now);
  tx.commit();
  return ctx.redirect("/admin/accounts/" + std::to_string(*id), "notice_saved");
}

Response revoke(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto rid = ctx.id_param("rid");
  if (!id || !rid) return ctx.error(404, "error_not_found");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto now = p.clock.now();
  db::Transaction tx(lease);
  if (!auth::revoke_role(lease, *rid, *id)) return ctx.error(404, "error_not_found");
  audit::append(lease,
                {ctx.user().account_id, "org.role.revoke", "account", std::to_string(*id),
                 "assignment=" + std::to_string(*rid)},
                now);
  tx.commit();
  return ctx.redirect("/admin/accounts/" + std::to_string(*id), "notice_saved");
}

Response set_status(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return ctx.error(404, "error_not_found");
  std::string status = ctx.form("status");
  if (status != "active" && status != "disabled") return ctx.error(400, "error_bad_request");
  if (*id == ctx.user().account_id) return ctx.error(400, "error_self_disable");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  if (!auth::find_account(lease, *id)) return ctx.error(404, "error_not_found");
  auto now = p.clock.now();
  db::Transaction tx(lease);
  auth::set_account_status(lease, *id, status);
  audit::append(
      lease, {ctx.user().account_id, "org.account.status", "account", std::to_string(*id), status},
      now);
  tx.commit();
  return ctx.redirect("/admin/accounts/" + std::to_string(*id), "notice_saved");
}
}  // namespace

void register_account_routes(http::Router& router) {
  router.get("/admin/accounts", "org.accounts.manage", list);
  router.get("/admin/accounts/new", "org.accounts.manage",
             [](RequestContext& ctx) { return new_form(ctx, {}, {}, 200); });
  router.post("/admin/accounts", "org.accounts.manage", create);
  router.get("/admin/accounts/{id}", "org.accounts.manage", detail);
  router.post("/admin/accounts/{id}/roles", "org.accounts.manage", assign);
  router.post("/admin/accounts/{id}/roles/{rid}/revoke", "org.accounts.manage", revoke);
  router.post("/admin/accounts/{id}/status", "org.accounts.manage", set_status);
}
}  // namespace silian::org
