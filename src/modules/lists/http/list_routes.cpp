// The published lists for everyone, their versions and differences, and the district
// administrator's drafting and publishing.
#include "silian/modules/lists/domain/lists.hpp"
#include "silian/modules/lists/http/route_groups.hpp"
#include "silian/modules/lists/storage/list_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::lists {
namespace {
using http::RequestContext;
using http::Response;

std::string kind_param(RequestContext& ctx) {
  auto k = ctx.params.count("kind") ? ctx.params["kind"] : ctx.query("kind");
  return is_list_kind(k) ? k : "";
}

views::Value item_rows(RequestContext& ctx, const std::vector<ListItem>& items) {
  auto rows = views::Value::list();
  for (const auto& i : items)
    rows.push(views::Value{{"code", i.code},
                           {"title", ctx.script(i.title)},
                           {"description", ctx.script(i.description)},
                           {"legal_basis", ctx.script(i.legal_basis)},
                           {"department", ctx.script(i.department_name)},
                           {"funding", ctx.script(i.funding)}});
  return rows;
}

views::Value kind_tabs(RequestContext& ctx, const std::string& current) {
  auto tabs = views::Value::list();
  for (auto k : k_list_kinds)
    tabs.push(views::Value{{"kind", std::string(k)},
                           {"label", ctx.t("list_kind_" + std::string(k))},
                           {"current", current == k}});
  return tabs;
}

Response show(RequestContext& ctx, const std::string& kind, std::optional<std::int64_t> number) {
  auto lease = ctx.platform.db->lease();
  std::optional<ListVersion> version =
      number ? version_by_number(lease, kind, *number) : published_version(lease, kind);
  if (number && (!version || version->status == "draft")) return ctx.error(404, "error_not_found");
  auto history = views::Value::list();
  for (const auto& v : versions_of(lease, kind))
    if (v.status != "draft")
      history.push(views::Value{{"number", v.number},
                                {"status", ctx.t("list_status_" + v.status)},
                                {"when", format_local_minutes(v.published_at)},
                                {"note", ctx.script(v.note)},
                                {"current", version && v.id == version->id}});
  views::Value data{{"kind", kind},
                    {"kind_label", ctx.t("list_kind_" + kind)},
                    {"tabs", kind_tabs(ctx, kind)},
                    {"history", history},
                    {"has_version", version.has_value()},
                    {"with_department", kind != "duty"},
                    {"with_funding", kind == "assistance"}};
  if (version) {
    data.set("number", version->number);
    data.set("status", ctx.t("list_status_" + version->status));
    data.set("items", item_rows(ctx, items_of(lease, version->id)));
  }
  return ctx.page("src/modules/lists/views/lists.mustache", "lists_title", data);
}

Response diff_page(RequestContext& ctx) {
  std::string kind = kind_param(ctx);
  if (kind.empty()) return ctx.error(404, "error_not_found");
  auto from = http::parse_id(ctx.query("from"));
  auto to = http::parse_id(ctx.query("to"));
  auto lease = ctx.platform.db->lease();
  auto a = from ? version_by_number(lease, kind, *from) : std::nullopt;
  auto b = to ? version_by_number(lease, kind, *to) : std::nullopt;
  if (!a || !b || a->status == "draft" || b->status == "draft")
    return ctx.error(400, "error_versions");
  auto changes = views::Value::list();
  for (const auto& c : diff(items_of(lease, a->id), items_of(lease, b->id))) {
    std::string fields;
    auto details = views::Value::list();
    for (std::size_t i = 0; i < c.fields.size(); ++i) {
      fields += (fields.empty() ? "" : "、") + ctx.t("list_field_" + c.fields[i]);
      details.push(views::Value{{"field", ctx.t("list_field_" + c.fields[i])},
                                {"before", ctx.script(c.before[i])},
                                {"after", ctx.script(c.after[i])}});
    }
    changes.push(views::Value{{"code", c.code},
                              {"change", ctx.t("list_change_" + c.change)},
                              {"change_code", c.change},
                              {"old_title", ctx.script(c.old_title)},
                              {"new_title", ctx.script(c.new_title)},
                              {"fields", fields},
                              {"details", details}});
  }
  views::Value data{{"kind", kind},       {"kind_label", ctx.t("list_kind_" + kind)},
                    {"from", a->number},  {"to", b->number},
                    {"changes", changes}, {"none", changes.as_list().empty()}};
  return ctx.page("src/modules/lists/views/list_diff.mustache", "list_diff_title", data);
}

// ---- drafting (district administrator) ----

Response editor(RequestContext& ctx, const std::string& kind,
                const std::vector<std::string>& errors, const ListItem& typed, int status) {
  auto lease = ctx.platform.db->lease();
  auto draft = draft_of(lease, kind);
  auto departments = views::Value::list();
  for (const auto& d : org::units_of_kind(lease, "department"))
    departments.push(views::Value{
        {"id", d.id}, {"name", ctx.script(d.name)}, {"selected", d.id == typed.department_id}});
  auto error_list = views::Value::list();
  for (const auto& e : errors) error_list.push(views::Value{{"message", ctx.t(e)}});
  views::Value data{{"kind", kind},
                    {"kind_label", ctx.t("list_kind_" + kind)},
                    {"tabs", kind_tabs(ctx, kind)},
                    {"has_draft", draft.has_value()},
                    {"with_department", kind != "duty"},
                    {"with_funding", kind == "assistance"},
                    {"departments", departments},
                    {"errors", error_list},
                    {"has_errors", !errors.empty()},
                    {"typed", views::Value{{"code", typed.code},
                                           {"title", typed.title},
                                           {"description", typed.description},
                                           {"legal_basis", typed.legal_basis},
                                           {"funding", typed.funding}}}};
  if (draft) {
    data.set("number", draft->number);
    data.set("items", item_rows(ctx, items_of(lease, draft->id)));
  }
  return ctx.page("src/modules/lists/views/list_editor.mustache", "list_editor_title", data,
                  status);
}

Response open_editor(RequestContext& ctx) {
  auto kind = kind_param(ctx);
  if (kind.empty()) return ctx.error(404, "error_not_found");
  return editor(ctx, kind, {}, {}, 200);
}

Response start_draft(RequestContext& ctx) {
  auto kind = kind_param(ctx);
  if (kind.empty()) return ctx.error(404, "error_not_found");
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  db::Transaction tx(lease);
  if (draft_of(lease, kind)) return editor(ctx, kind, {"error_draft_exists"}, {}, 409);
  std::int64_t id = 0;
  try {
    id = create_draft(lease, kind, ctx.user().account_id, now);
  } catch (const soci::soci_error& e) {
    // Two administrators starting a draft at once: the second one's version number clashes.
    if (!db::is_unique_violation(e)) throw;
    return editor(ctx, kind, {"error_draft_exists"}, {}, 409);
  }
  audit::append(
      lease,
      {ctx.user().account_id, "lists.draft.create", "list_version", std::to_string(id), kind}, now);
  tx.commit();
  return ctx.redirect("/admin/lists/" + kind, "notice_saved");
}

bool valid_item_code(const std::string& code) {
  return !code.empty() && code.size() <= 20 &&
         std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

Response save_item(RequestContext& ctx) {
  auto kind = kind_param(ctx);
  if (kind.empty()) return ctx.error(404, "error_not_found");
  ListItem item;
  item.code = ctx.form("code");
  item.title = ctx.form("title");
  item.description = ctx.form("description");
  item.legal_basis = ctx.form("legal_basis");
  item.funding = kind == "assistance" ? ctx.form("funding") : "";
  auto lease = ctx.platform.db->lease();
  std::vector<std::string> errors;
  if (!valid_item_code(item.code)) errors.push_back("error_item_code");
  if (item.title.empty() || item.title.size() > 400) errors.push_back("error_item_title");
  if (item.description.size() > 4000 || item.legal_basis.size() > 1000 ||
      item.funding.size() > 1000)
    errors.push_back("error_too_long");
  if (kind == "assistance" && item.funding.empty()) errors.push_back("error_item_funding");
  if (kind != "duty") {
    auto dept = ctx.id_form("department");
    auto unit = dept ? org::find_unit(lease, *dept) : std::nullopt;
    if (!unit || unit->kind != "department")
      errors.push_back("error_item_department");
    else
      item.department_id = unit->id;
  }
  auto now = ctx.platform.clock.now();
  db::Transaction tx(lease);
  // Looked up and locked inside the transaction: an edit never lands in a version that
  // another administrator published meanwhile.
  auto draft = draft_of(lease, kind);
  if (!draft || !lock_draft(lease, draft->id)) errors.push_back("error_no_draft");
  if (!errors.empty()) return editor(ctx, kind, errors, item, 422);
  put_item(lease, draft->id, item);
  audit::append(lease,
                {ctx.user().account_id, "lists.item.save", "list_version",
                 std::to_string(draft->id), item.code},
                now);
  tx.commit();
  return ctx.redirect("/admin/lists/" + kind, "notice_saved");
}

Response delete_item(RequestContext& ctx) {
  auto kind = kind_param(ctx);
  if (kind.empty()) return ctx.error(404, "error_not_found");
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  db::Transaction tx(lease);
  auto draft = draft_of(lease, kind);
  if (!draft || !lock_draft(lease, draft->id)) return ctx.error(404, "error_not_found");
  if (!remove_item(lease, draft->id, ctx.params["code"])) return ctx.error(404, "error_not_found");
  audit::append(lease,
                {ctx.user().account_id, "lists.item.remove", "list_version",
                 std::to_string(draft->id), ctx.params["code"]},
                now);
  tx.commit();
  return ctx.redirect("/admin/lists/" + kind, "notice_saved");
}

Response publish_draft(RequestContext& ctx) {
  auto kind = kind_param(ctx);
  if (kind.empty()) return ctx.error(404, "error_not_found");
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  db::Transaction tx(lease);
  auto draft = draft_of(lease, kind);
  if (!draft || !lock_draft(lease, draft->id))
    return editor(ctx, kind, {"error_no_draft"}, {}, 409);
  if (items_of(lease, draft->id).empty()) return editor(ctx, kind, {"error_empty_draft"}, {}, 422);
  std::string note = ctx.form("note");
  if (note.size() > 600) return editor(ctx, kind, {"error_too_long"}, {}, 422);
  publish(lease, *draft, note, ctx.user().account_id, now);
  audit::append(lease,
                {ctx.user().account_id, "lists.version.publish", "list_version",
                 std::to_string(draft->id), kind + " v" + std::to_string(draft->number)},
                now);
  tx.commit();
  return ctx.redirect("/lists/" + kind, "notice_published");
}
}  // namespace

void register_list_routes(http::Router& router) {
  router.get("/lists", auth::k_public,
             [](RequestContext& ctx) { return show(ctx, "assistance", std::nullopt); });
  router.get("/lists/{kind}/diff", auth::k_public, diff_page);
  router.get("/lists/{kind}", auth::k_public, [](RequestContext& ctx) {
    auto kind = kind_param(ctx);
    return kind.empty() ? ctx.error(404, "error_not_found") : show(ctx, kind, std::nullopt);
  });
  router.get("/lists/{kind}/v/{number}", auth::k_public, [](RequestContext& ctx) {
    auto kind = kind_param(ctx);
    auto number = ctx.id_param("number");
    return kind.empty() || !number ? ctx.error(404, "error_not_found") : show(ctx, kind, number);
  });
  router.get("/admin/lists/{kind}", "lists.manage", open_editor);
  router.post("/admin/lists/{kind}/draft", "lists.manage", start_draft);
  router.post("/admin/lists/{kind}/draft/items", "lists.manage", save_item);
  router.post("/admin/lists/{kind}/draft/items/{code}/delete", "lists.manage", delete_item);
  router.post("/admin/lists/{kind}/draft/publish", "lists.manage", publish_draft);
}
}  // namespace silian::lists
