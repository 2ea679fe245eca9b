// The burden catalogue with its reduction dashboard, the administrator's decisions, and
// burden reports from communities tracked to an answer.
#include <map>

#include "silian/modules/lists/domain/lists.hpp"
#include "silian/modules/lists/http/route_groups.hpp"
#include "silian/modules/lists/storage/burden_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::lists {
namespace {
using http::RequestContext;
using http::Response;
const std::vector<std::string> k_reporters = {"community_worker", "community_director"};

Response catalogue(RequestContext& ctx, const std::vector<std::string>& errors, int status) {
  auto lease = ctx.platform.db->lease();
  std::string kind = ctx.query("kind"), state = ctx.query("status");
  if (!kind.empty() && !is_burden_kind(kind)) kind.clear();
  if (!state.empty() && !is_burden_status(state)) state.clear();
  // Dashboard: one row per kind with its retained / merged / cancelled counts.
  std::map<std::string, std::map<std::string, std::int64_t>> table;
  std::int64_t total_cancelled = 0, total_merged = 0;
  for (const auto& c : burden_counts(lease)) {
    table[c.kind][c.status] = c.count;
    if (c.status == "cancelled") total_cancelled += c.count;
    if (c.status == "merged") total_merged += c.count;
  }
  auto by_kind = views::Value::list();
  for (auto k : k_burden_kinds) {
    auto& row = table[std::string(k)];
    by_kind.push(views::Value{{"kind", ctx.t("burden_kind_" + std::string(k))},
                              {"retained", static_cast<long long>(row["retained"])},
                              {"merged", static_cast<long long>(row["merged"])},
                              {"cancelled", static_cast<long long>(row["cancelled"])}});
  }
  auto by_year = views::Value::list();
  std::int64_t running = 0;
  for (const auto& step : reductions_by_year(lease)) {
    running += step.cancelled + step.merged;
    by_year.push(views::Value{{"year", step.year},
                              {"cancelled", static_cast<long long>(step.cancelled)},
                              {"merged", static_cast<long long>(step.merged)},
                              {"running", static_cast<long long>(running)}});
  }
  auto rows = views::Value::list();
  for (const auto& b : burden_items(lease, kind, state)) {
    views::Value row{{"id", b.id},
                     {"code", b.code},
                     {"kind", ctx.t("burden_kind_" + b.kind)},
                     {"name", ctx.script(b.name)},
                     {"imposed_by", ctx.script(b.imposed_by_name)},
                     {"status", ctx.t("burden_status_" + b.status)},
                     {"decided_on", b.decided_on},
                     {"document", ctx.script(b.decision_document)}};
    if (!b.merged_into_name.empty()) row.set("merged_into", ctx.script(b.merged_into_name));
    rows.push(row);
  }
  auto kinds = views::Value::list();
  for (auto k : k_burden_kinds)
    kinds.push(views::Value{{"code", std::string(k)},
                            {"label", ctx.t("burden_kind_" + std::string(k))},
                            {"selected", kind == k}});
  auto statuses = views::Value::list();
  for (auto s : k_burden_statuses)
    statuses.push(views::Value{{"code", std::string(s)},
                               {"label", ctx.t("burden_status_" + std::string(s))},
                               {"selected", state == s}});
  auto error_list = views::Value::list();
  for (const auto& e : errors) error_list.push(views::Value{{"message", ctx.t(e)}});
  // The entry form keeps what was typed after a refusal (empty on a plain GET).
  auto form_kinds = views::Value::list();
  for (auto k : k_burden_kinds)
    form_kinds.push(views::Value{{"code", std::string(k)},
                                 {"label", ctx.t("burden_kind_" + std::string(k))},
                                 {"selected", ctx.form("kind") == k}});
  auto form_statuses = views::Value::list();
  for (auto st : k_burden_statuses)
    form_statuses.push(views::Value{{"code", std::string(st)},
                                    {"label", ctx.t("burden_status_" + std::string(st))},
                                    {"selected", ctx.form("status") == st}});
  views::Value typed{{"code", ctx.form("code")},
                     {"name", ctx.form("name")},
                     {"merged_into", ctx.form("merged_into")},
                     {"decided_on", ctx.form("decided_on")},
                     {"document", ctx.form("decision_document")}};
  bool manager =
      ctx.principal && ctx.platform.permissions.allows("lists.burden.manage", &*ctx.principal);
  views::Value data{{"by_kind", by_kind},
                    {"by_year", by_year},
                    {"rows", rows},
                    {"kinds", kinds},
                    {"statuses", statuses},
                    {"total", static_cast<long long>(rows.as_list().size())},
                    {"cancelled", static_cast<long long>(total_cancelled)},
                    {"merged", static_cast<long long>(total_merged)},
                    {"reduced", static_cast<long long>(total_cancelled + total_merged)},
                    {"manager", manager},
                    {"form_kinds", form_kinds},
                    {"form_statuses", form_statuses},
                    {"typed", typed},
                    {"errors", error_list},
                    {"has_errors", !errors.empty()}};
  return ctx.page("src/modules/lists/views/burden.mustache", "burden_title", data, status);
}

// Creates an entry (no id) or records a decision on one (id).
Response save(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  BurdenItem b;
  auto id = ctx.id_param("id");
  if (id) {
    auto existing = find_burden_item(lease, *id);
    if (!existing) return ctx.error(404, "error_not_found");
    b = *existing;
  } else if (auto existing = find_burden_by_code(lease, ctx.form("code"))) {
    // The form's code names an existing entry: this records a decision on it.
    id = existing->id;
    b = *existing;
  } else {
    b.kind = ctx.form("kind");
    b.code = ctx.form("code");
    b.name = ctx.form("name");
  }
  b.status = ctx.form("status");
  b.decided_on = ctx.form("decided_on");
  b.decision_document = ctx.form("decision_document");
  b.merged_into = 0;
  std::vector<std::string> errors;
  if (!is_burden_kind(b.kind)) errors.push_back("error_burden_kind");
  if (b.code.empty() || b.code.size() > 20) errors.push_back("error_item_code");
  if (b.name.empty() || b.name.size() > 400) errors.push_back("error_item_title");
  if (b.decision_document.size() > 400) errors.push_back("error_too_long");
  if (!is_burden_status(b.status)) errors.push_back("error_burden_status");
  if (!b.decided_on.empty() && !valid_date(b.decided_on)) errors.push_back("error_burden_date");
  if (b.status != "retained" && (b.decided_on.empty() || b.decision_document.empty()))
    errors.push_back("error_burden_decision");
  if (b.status == "merged") {
    auto target = find_burden_by_code(lease, ctx.form("merged_into"));
    if (!target || target->id == b.id || target->status != "retained")
      errors.push_back("error_burden_merge");
    else
      b.merged_into = target->id;
  }
  if (!errors.empty()) return catalogue(ctx, errors, 422);
  auto now = ctx.platform.clock.now();
  db::Transaction tx(lease);
  std::int64_t key = b.id;
  if (id) {
    decide_burden_item(lease, b);
  } else {
    try {
      key = insert_burden_item(lease, b, now);
    } catch (const soci::soci_error& e) {
      if (!db::is_unique_violation(e)) throw;
      return catalogue(ctx, {"error_code_taken"}, 409);  // created by someone else meanwhile
    }
  }
  audit::append(lease,
                {ctx.user().account_id, id ? "lists.burden.decide" : "lists.burden.create",
                 "burden_item", std::to_string(key), b.code + " " + b.status},
                now);
  tx.commit();
  return ctx.redirect("/burden", "notice_saved");
}

Response reports_page(RequestContext& ctx, bool admin, const std::string& error, int status) {
  auto lease = ctx.platform.db->lease();
  std::vector<BurdenReport> found;
  for (const auto& r : ctx.user().roles) {
    bool mine =
        admin ? r.role == "district_admin"
              : std::find(k_reporters.begin(), k_reporters.end(), r.role) != k_reporters.end();
    if (!mine) continue;
    auto more = reports(lease, r.unit_path);
    found.insert(found.end(), more.begin(), more.end());
  }
  auto rows = views::Value::list();
  for (const auto& r : found) {
    views::Value row{{"id", r.id},
                     {"community", ctx.script(r.community_name)},
                     {"department", ctx.script(r.department_name)},
                     {"description", ctx.script(r.description)},
                     {"status", ctx.t("report_status_" + r.status)},
                     {"open", r.status == "open"},
                     {"when", format_local_minutes(r.created_at)}};
    if (!r.answer.empty()) row.set("answer", ctx.script(r.answer));
    rows.push(row);
  }
  auto departments = views::Value::list();
  for (const auto& d : org::units_of_kind(lease, "department"))
    departments.push(views::Value{{"id", d.id},
                                  {"name", ctx.script(d.name)},
                                  {"selected", ctx.form("department") == std::to_string(d.id)}});
  views::Value data{{"rows", rows},
                    {"empty", rows.as_list().empty()},
                    {"admin", admin},
                    {"departments", departments},
                    {"description", ctx.form("description")}};
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/lists/views/reports.mustache",
                  admin ? "reports_admin_title" : "reports_title", data, status);
}

Response file_report(RequestContext& ctx) {
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  std::optional<org::OrgUnit> community;
  for (const auto& r : ctx.user().roles)
    if (std::find(k_reporters.begin(), k_reporters.end(), r.role) != k_reporters.end() &&
        r.unit_kind == "community")
      community = org::find_unit(lease, r.unit_id);
  if (!community) return ctx.error(403, "error_forbidden");
  BurdenReport r;
  r.community_id = community->id;
  r.description = ctx.form("description");
  r.created_by = ctx.user().account_id;
  if (r.description.empty() || r.description.size() > 4000)
    return reports_page(ctx, false, "error_report_description", 422);
  auto dept_text = ctx.form("department");
  if (!dept_text.empty()) {
    auto id = http::parse_id(dept_text);
    auto dept = id ? org::find_unit(lease, *id) : std::nullopt;
    if (!dept || dept->kind != "department")
      return reports_page(ctx, false, "error_item_department", 422);
    r.department_id = dept->id;
  }
  auto now = p.clock.now();
  db::Transaction tx(lease);
  auto id = insert_report(lease, r, now);
  // The administrators of the district the community belongs to.
  for (const auto& d : org::units_of_kind(lease, "district"))
    if (community->path.starts_with(d.path))
      for (auto account : auth::accounts_with_role_in(lease, "district_admin", d.path))
        notify::send(lease, account, "notify_burden_report", {{"community", community->name}},
                     "/admin/burden-reports", now);
  audit::append(
      lease, {ctx.user().account_id, "lists.report.file", "burden_report", std::to_string(id), ""},
      now);
  tx.commit();
  return ctx.redirect("/community/burden-reports", "notice_report_filed");
}

Response answer(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto r = id ? find_report(lease, *id) : std::nullopt;
  if (!r || !ctx.user().covers(r->community_path, {"district_admin"}))
    return ctx.error(404, "error_not_found");
  std::string text = ctx.form("answer");
  if (text.empty() || text.size() > 4000)
    return reports_page(ctx, true, "error_report_answer", 422);
  auto now = p.clock.now();
  db::Transaction tx(lease);
  if (!answer_report(lease, r->id, text, ctx.user().account_id, now))
    return ctx.error(409, "error_report_already_answered");
  notify::send(lease, r->created_by, "notify_report_answered", {{"answer", text}},
               "/community/burden-reports", now);
  audit::append(
      lease,
      {ctx.user().account_id, "lists.report.answer", "burden_report", std::to_string(r->id), ""},
      now);
  tx.commit();
  return ctx.redirect("/admin/burden-reports", "notice_saved");
}
}  // namespace

void register_burden_routes(http::Router& router) {
  router.get("/burden", auth::k_public,
             [](RequestContext& ctx) { return catalogue(ctx, {}, 200); });
  router.post("/admin/burden", "lists.burden.manage", save);
  router.post("/admin/burden/{id}", "lists.burden.manage", save);
  router.get("/community/burden-reports", "lists.reports.file",
             [](RequestContext& ctx) { return reports_page(ctx, false, "", 200); });
  router.post("/community/burden-reports", "lists.reports.file", file_report);
  router.get("/admin/burden-reports", "lists.reports.answer",
             [](RequestContext& ctx) { return reports_page(ctx, true, "", 200); });
  router.post("/admin/burden-reports/{id}/answer", "lists.reports.answer", answer);
}
}  // namespace silian::lists
