#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/core/route_groups.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/i18n/catalog.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/platform.hpp"

namespace silian::core {
namespace {
using http::RequestContext;
using http::Response;

views::Value role_list(RequestContext& ctx) {
  auto roles = views::Value::list();
  for (const auto& r : ctx.user().roles)
    roles.push(views::Value{{"role", ctx.t("role_" + r.role)}, {"unit", ctx.script(r.unit_name)}});
  return roles;
}

views::Value counters(RequestContext& ctx) {
  auto list = views::Value::list();
  for (const auto& m : ctx.platform.modules) {
    if (!m.stats) continue;
    for (const auto& c : m.stats(ctx.platform, ctx.user()))
      list.push(views::Value{{"label", ctx.t(c.label_key)},
                             {"value", std::to_string(c.value)},
                             {"href", c.href},
                             {"alert", c.alert && c.value > 0}});
  }
  return list;
}

views::Value exports_for(RequestContext& ctx) {
  auto list = views::Value::list();
  for (const auto& m : ctx.platform.modules)
    for (const auto& e : m.exports)
      if (ctx.platform.permissions.allows(e.permission, &ctx.user()))
        list.push(views::Value{{"label", ctx.t(e.label_key)},
                               {"href", "/exports/" + m.name + "/" + e.name}});
  return list;
}

// What this reader may open, as tiles: every module's navigation entries that the
// reader's roles (or no sign-in) allow, so residents reach public pages too.
views::Value home_tiles(RequestContext& ctx) {
  auto tiles = views::Value::list();
  const auth::Principal* who = ctx.principal ? &*ctx.principal : nullptr;
  for (const auto& m : ctx.platform.modules)
    for (const auto& n : m.nav)
      if (n.href != "/workbench" && ctx.platform.permissions.allows(n.permission, who))
        tiles.push(views::Value{{"label", ctx.t(n.label_key)}, {"href", n.href}});
  return tiles;
}

Response home(RequestContext& ctx) {
  views::Value data;
  data.set("tiles", home_tiles(ctx));
  if (ctx.principal) {
    data.set("signed_in", true);
    data.set("name", ctx.script(ctx.user().display_name));
    data.set("staff", ctx.user().is_staff());
    data.set("resident", ctx.user().has_role("resident"));
    data.set("roles", role_list(ctx));
    data.set("no_role", ctx.user().roles.empty());
  }
  return ctx.page("src/platform/views/home.mustache", "home_title", data);
}

Response workbench(RequestContext& ctx) {
  if (!ctx.user().is_staff()) return ctx.redirect("/");
  views::Value data{{"name", ctx.script(ctx.user().display_name)}, {"roles", role_list(ctx)}};
  auto cs = counters(ctx);
  data.set("has_counters", !cs.as_list().empty());
  data.set("counters", cs);
  auto ex = exports_for(ctx);
  data.set("has_exports", !ex.as_list().empty());
  data.set("exports", ex);
  auto tasks = views::Value::list();
  for (const auto& m : ctx.platform.modules)
    for (const auto& n : m.nav)
      if (n.href != "/workbench" && ctx.platform.permissions.allows(n.permission, &ctx.user()))
        tasks.push(views::Value{{"label", ctx.t(n.label_key)}, {"href", n.href}});
  data.set("tasks", tasks);
  return ctx.page("src/platform/views/workbench.mustache", "workbench_title", data);
}

Response inbox(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto items = views::Value::list();
  for (const auto& n : notify::inbox(lease, ctx.user().account_id, 100)) {
    views::Value item{{"id", n.id},
                      {"text", ctx.tf(n.message_key, n.params)},
                      {"when", format_local_minutes(n.at)},
                      {"unread", !n.read}};
    // Mustache treats an empty string as true: set optional fields only when present.
    if (!n.link.empty()) item.set("link", n.link);
    items.push(item);
  }
  views::Value data{{"items", items}, {"empty", items.as_list().empty()}};
  return ctx.page("src/platform/views/inbox.mustache", "inbox_title", data);
}

Response mark_read(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return ctx.error(404, "error_not_found");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto now = ctx.platform.clock.now();
  if (!notify::mark_read(lease, ctx.user().account_id, *id, now))
    return ctx.error(404, "error_not_found");
  audit::append(lease,
                {ctx.user().account_id, "platform.notification.read", "notification",
                 std::to_string(*id), ""},
                now);
  tx.commit();
  return ctx.redirect("/inbox");
}

Response audit_page(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto report = audit::verify(lease);
  auto rows = views::Value::list();
  long long seq = 0, at = 0, actor = 0;
  std::string action, entity, entity_id;
  soci::statement st = (lease->prepare << "SELECT seq, at, actor_id, action, entity, entity_id "
                                          "FROM audit_entries ORDER BY seq DESC LIMIT 100",
                        soci::into(seq), soci::into(at), soci::into(actor), soci::into(action),
                        soci::into(entity), soci::into(entity_id));
  st.execute();
  while (st.fetch())
    rows.push(views::Value{{"seq", seq},
                           {"when", format_local_minutes(at)},
                           {"actor", actor},
                           {"action", action},
                           {"entity", entity + " " + entity_id}});
  views::Value data{{"ok", report.ok},
                    {"entries", static_cast<long long>(report.entries)},
                    {"reason", report.reason},
                    {"rows", rows}};
  return ctx.page("src/platform/views/audit.mustache", "audit_title", data);
}

Response export_file(RequestContext& ctx) {
  const std::string& module = ctx.params["module"];
  const std::string& name = ctx.params["name"];
  for (const auto& m : ctx.platform.modules) {
    if (m.name != module) continue;
    for (const auto& e : m.exports) {
      if (e.name != name) continue;
      if (!ctx.platform.permissions.allows(e.permission, &ctx.user()))
        return ctx.error(403, "error_forbidden");
      auto file = e.build(ctx.platform, ctx.user());
      auto r = Response::text(200, std::move(file.body), file.content_type);
      r.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"" + file.filename + "\"");
      return r;
    }
  }
  return ctx.error(404, "error_not_found");
}
}  // namespace

void register_shell_routes(http::Router& router) {
  router.get("/", auth::k_public, home);
  router.get("/workbench", auth::k_authenticated, workbench);
  router.get("/inbox", auth::k_authenticated, inbox);
  router.post("/inbox/{id}/read", auth::k_authenticated, mark_read);
  router.get("/audit", "platform.audit.read", audit_page);
  // Each export declares its own permission; the route only requires a signed-in user.
  router.get("/exports/{module}/{name}", auth::k_authenticated, export_file);
}
}  // namespace silian::core
