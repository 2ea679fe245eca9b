// Admission control (准入): a department files a work task for communities; it must rest
// on one of its own published assistance items and demand nothing the burden catalogue
// cancelled. Admitted tasks go to the street (or the district) for approval, then reach
// the communities with their funding.
#include <set>

#include "silian/modules/lists/domain/lists.hpp"
#include "silian/modules/lists/http/route_groups.hpp"
#include "silian/modules/lists/storage/burden_store.hpp"
#include "silian/modules/lists/storage/list_store.hpp"
#include "silian/modules/lists/storage/task_store.hpp"
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
const std::vector<std::string> k_approvers = {"street_officer", "district_admin"};
const std::vector<std::string> k_community_staff = {"community_worker", "community_director",
                                                    "grid_worker"};

std::optional<org::OrgUnit> own_department(RequestContext& ctx, db::Lease& lease) {
  for (const auto& r : ctx.user().roles)
    if (r.role == "department_officer" && r.unit_kind == "department")
      return org::find_unit(lease, r.unit_id);
  return std::nullopt;
}

struct TaskForm {
  std::string title, description, due_on, assistance_code;
  std::vector<std::string> communities, burdens;
};

TaskForm read_form(RequestContext& ctx) {
  return {ctx.form("title"),           ctx.form("description"),      ctx.form("due_on"),
          ctx.form("assistance_code"), ctx.form_values("community"), ctx.form_values("burden")};
}

Response form_page(RequestContext& ctx, const TaskForm& f, const std::vector<std::string>& errors,
                   const std::string& refusal, int status) {
  auto lease = ctx.platform.db->lease();
  auto dept = own_department(ctx, lease);
  std::set<std::string> chosen(f.communities.begin(), f.communities.end());
  std::set<std::string> demanded(f.burdens.begin(), f.burdens.end());
  auto communities = views::Value::list();
  for (const auto& c : org::units_of_kind(lease, "community"))
    communities.push(views::Value{{"id", c.id},
                                  {"name", ctx.script(c.name)},
                                  {"checked", chosen.contains(std::to_string(c.id))}});
  auto items = views::Value::list();
  if (auto version = published_version(lease, "assistance"))
    for (const auto& i : items_of(lease, version->id))
      items.push(views::Value{{"code", i.code},
                              {"label", i.code + " " + ctx.script(i.title) + "（" +
                                            ctx.script(i.department_name) + "）"},
                              {"selected", i.code == f.assistance_code}});
  auto burdens = views::Value::list();
  for (const auto& b : burden_items(lease, "", ""))
    if (b.kind == "ledger" || b.kind == "evaluation")
      burdens.push(views::Value{{"id", b.id},
                                {"label", b.code + " " + ctx.script(b.name)},
                                {"checked", demanded.contains(std::to_string(b.id))}});
  auto error_list = views::Value::list();
  for (const auto& e : errors) error_list.push(views::Value{{"message", ctx.t(e)}});
  views::Value data{{"department", dept ? ctx.script(dept->name) : std::string()},
                    {"title", f.title},
                    {"description", f.description},
                    {"due_on", f.due_on},
                    {"communities", communities},
                    {"items", items},
                    {"burdens", burdens},
                    {"errors", error_list},
                    {"has_errors", !errors.empty()},
                    {"refusal", refusal.empty() ? std::string() : ctx.t(refusal)},
                    {"refused", !refusal.empty()}};
  return ctx.page("src/modules/lists/views/task_new.mustache", "task_new_title", data, status);
}

Response file_task(RequestContext& ctx) {
  auto f = read_form(ctx);
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto dept = own_department(ctx, lease);
  if (!dept) return ctx.error(403, "error_forbidden");
  std::vector<std::string> errors;
  if (f.title.empty() || f.title.size() > 300) errors.push_back("error_task_title");
  if (f.description.empty() || f.description.size() > 4000)
    errors.push_back("error_task_description");
  if (!valid_date(f.due_on) || f.due_on < format_local_minutes(p.clock.now()).substr(0, 10))
    errors.push_back("error_task_due");
  std::vector<CommunityPlace> places;
  std::vector<std::int64_t> community_ids;
  auto district = org::find_unit(lease, dept->parent_id);
  // Repeated values count once; more than any district has is refused outright.
  std::set<std::string> chosen(f.communities.begin(), f.communities.end());
  std::set<std::string> demanded(f.burdens.begin(), f.burdens.end());
  if (chosen.size() > 500 || demanded.size() > 500) return ctx.error(400, "error_bad_request");
  for (const auto& text : chosen) {
    auto id = http::parse_id(text);
    auto unit = id ? org::find_unit(lease, *id) : std::nullopt;
    if (!unit || unit->kind != "community" || !district ||
        !unit->path.starts_with(district->path)) {
      errors.push_back("error_task_community");
      break;
    }
    places.push_back({unit->id, unit->parent_id});
    community_ids.push_back(unit->id);
  }
  if (community_ids.empty() &&
      std::find(errors.begin(), errors.end(), "error_task_community") == errors.end())
    errors.push_back("error_task_community");
  std::vector<std::int64_t> burden_ids;
  AdmissionFacts facts;
  facts.filing_department_id = dept->id;
  for (const auto& text : demanded) {
    auto id = http::parse_id(text);
    auto b = id ? find_burden_item(lease, *id) : std::nullopt;
    if (!b) {
      errors.push_back("error_task_burden");
      break;
    }
    burden_ids.push_back(b->id);
    facts.demanded_burden_statuses.push_back(b->status);
  }
  if (!errors.empty()) return form_page(ctx, f, errors, "", 422);

  facts.item_cited = !f.assistance_code.empty();
  auto version = published_version(lease, "assistance");
  auto item =
      facts.item_cited ? published_item(lease, "assistance", f.assistance_code) : std::nullopt;
  facts.item_published = item.has_value();
  facts.item_department_id = item ? item->department_id : 0;
  if (auto refusal = admission_refusal(facts)) return form_page(ctx, f, {}, *refusal, 422);

  WorkTask t;
  t.department_id = dept->id;
  t.title = f.title;
  t.description = f.description;
  t.due_on = f.due_on;
  t.assistance_code = item->code;
  t.assistance_version_id = version->id;
  t.funding = item->funding;
  t.approval_unit_id = approving_unit(places, district ? district->id : dept->parent_id);
  t.community_ids = community_ids;
  t.burden_ids = burden_ids;
  auto now = p.clock.now();
  db::Transaction tx(lease);
  auto id = insert_task(lease, t, ctx.user().account_id, now);
  auto approver_unit = org::find_unit(lease, t.approval_unit_id);
  for (const auto& role : k_approvers)
    for (auto account : auth::accounts_with_role_in(lease, role, approver_unit->path))
      if (role == std::string("district_admin") ? approver_unit->kind == "district"
                                                : approver_unit->kind == "street")
        notify::send(lease, account, "notify_task_to_approve", {{"title", t.title}},
                     "/tasks/" + std::to_string(id), now);
  audit::append(lease,
                {ctx.user().account_id, "lists.task.file", "work_task", std::to_string(id),
                 "item=" + t.assistance_code},
                now);
  tx.commit();
  return ctx.redirect("/tasks/" + std::to_string(id), "notice_task_filed");
}

views::Value task_row(RequestContext& ctx, const WorkTask& t) {
  std::string communities;
  for (const auto& n : t.community_names)
    communities += (communities.empty() ? "" : "、") + ctx.script(n);
  return views::Value{{"id", t.id},
                      {"title", ctx.script(t.title)},
                      {"department", ctx.script(t.department_name)},
                      {"due_on", t.due_on},
                      {"item", t.assistance_code},
                      {"funding", ctx.script(t.funding)},
                      {"approver", ctx.script(t.approval_unit_name)},
                      {"communities", communities},
                      {"status", ctx.t("task_status_" + t.status)},
                      {"pending", t.status == "pending"}};
}

bool may_see(RequestContext& ctx, db::Lease& lease, const WorkTask& t) {
  const auto& u = ctx.user();
  if (u.covers(t.approval_unit_path, k_approvers)) return true;
  if (auto dept = own_department(ctx, lease); dept && dept->id == t.department_id) return true;
  return false;
}

Response list(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  const auto& u = ctx.user();
  std::vector<WorkTask> found;
  std::set<std::int64_t> seen;
  auto add = [&](const std::vector<WorkTask>& more) {
    for (const auto& t : more)
      if (seen.insert(t.id).second) found.push_back(t);
  };
  // Approvers see what their street or district approves; a department its own tasks.
  for (const auto& r : u.roles)
    if (r.role == "street_officer" || r.role == "district_admin")
      add(tasks(lease, {0, r.unit_path, 0, ""}));
  if (auto dept = own_department(ctx, lease)) add(tasks(lease, {dept->id, "", 0, ""}));
  auto rows = views::Value::list();
  for (const auto& t : found) rows.push(task_row(ctx, t));
  views::Value data{{"rows", rows},
                    {"empty", rows.as_list().empty()},
                    {"can_file", u.has_role("department_officer")}};
  return ctx.page("src/modules/lists/views/tasks.mustache", "tasks_title", data);
}

Response detail_page(RequestContext& ctx, db::Lease& lease, const WorkTask& t,
                     const std::string& error, int status) {
  (void)lease;
  auto data = task_row(ctx, t);
  data.set("description", ctx.script(t.description));
  if (!t.decision_note.empty()) data.set("decision_note", ctx.script(t.decision_note));
  data.set("can_decide",
           t.status == "pending" && ctx.user().covers(t.approval_unit_path, k_approvers));
  if (!error.empty()) data.set("error", ctx.t(error));
  data.set("note", ctx.form("note"));
  return ctx.page("src/modules/lists/views/task_detail.mustache", "task_detail_title", data,
                  status);
}

Response detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto t = id ? find_task(lease, *id) : std::nullopt;
  if (!t || !may_see(ctx, lease, *t)) return ctx.error(404, "error_not_found");
  return detail_page(ctx, lease, *t, "", 200);
}

// Admission is checked again when the task is decided: the item may have left the list,
// or a demanded entry may have been cancelled, while it waited.
std::optional<std::string> still_admissible(db::Lease& lease, const WorkTask& t) {
  AdmissionFacts facts;
  facts.filing_department_id = t.department_id;
  facts.item_cited = true;
  auto item = published_item(lease, "assistance", t.assistance_code);
  facts.item_published = item.has_value();
  facts.item_department_id = item ? item->department_id : 0;
  for (auto b : t.burden_ids)
    if (auto entry = find_burden_item(lease, b))
      facts.demanded_burden_statuses.push_back(entry->status);
  return admission_refusal(facts);
}

Response decide(RequestContext& ctx, const std::string& status) {
  auto id = ctx.id_param("id");
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto t = id ? find_task(lease, *id) : std::nullopt;
  if (!t || !ctx.user().covers(t->approval_unit_path, k_approvers))
    return ctx.error(404, "error_not_found");
  std::string note = ctx.form("note");
  if (status == "rejected" && (note.empty() || note.size() > 1000))
    return detail_page(ctx, lease, *t, "error_task_reason", 422);
  auto now = p.clock.now();
  db::Transaction tx(lease);
  if (status == "approved")
    if (auto refusal = still_admissible(lease, *t))
      return detail_page(ctx, lease, *t, *refusal, 409);
  if (!decide_task(lease, *id, status, note, ctx.user().account_id, now))
    return ctx.error(409, "error_task_already_decided");
  if (status == "approved") {
    for (auto community : t->community_ids) {
      auto unit = org::find_unit(lease, community);
      for (const auto& role : {"community_worker", "community_director"})
        for (auto account : auth::accounts_with_role_in(lease, role, unit->path))
          notify::send(lease, account, "notify_task_arrived",
                       {{"title", t->title}, {"funding", t->funding}}, "/community/tasks", now);
    }
  }
  if (t->created_by != 0)
    notify::send(lease, t->created_by,
                 status == "approved" ? "notify_task_admitted" : "notify_task_refused",
                 {{"title", t->title}, {"note", note}}, "/tasks/" + std::to_string(*id), now);
  audit::append(
      lease, {ctx.user().account_id, "lists.task." + status, "work_task", std::to_string(*id), ""},
      now);
  tx.commit();
  return ctx.redirect("/tasks/" + std::to_string(*id),
                      status == "approved" ? "notice_task_approved" : "notice_task_rejected");
}

Response community_tasks(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  std::set<std::int64_t> communities;
  auto all = org::units_of_kind(lease, "community");
  for (const auto& r : ctx.user().roles) {
    if (std::find(k_community_staff.begin(), k_community_staff.end(), r.role) ==
        k_community_staff.end())
      continue;
    for (const auto& c : all)
      if (c.path.starts_with(r.unit_path) || r.unit_path.starts_with(c.path))
        communities.insert(c.id);
  }
  std::set<std::int64_t> seen;
  auto rows = views::Value::list();
  for (auto c : communities)
    for (const auto& t : tasks(lease, {0, "", c, "approved"}))
      if (seen.insert(t.id).second) rows.push(task_row(ctx, t));
  views::Value data{{"rows", rows}, {"empty", rows.as_list().empty()}};
  return ctx.page("src/modules/lists/views/community_tasks.mustache", "community_tasks_title",
                  data);
}
}  // namespace

void register_task_routes(http::Router& router) {
  router.get("/tasks", "lists.tasks.read", list);
  router.get("/tasks/new", "lists.tasks.file",
             [](RequestContext& ctx) { return form_page(ctx, {}, {}, "", 200); });
  router.post("/tasks", "lists.tasks.file", file_task);
  router.get("/tasks/{id}", "lists.tasks.read", detail);
  router.post("/tasks/{id}/approve", "lists.tasks.approve",
              [](RequestContext& ctx) { return decide(ctx, "approved"); });
  router.post("/tasks/{id}/reject", "lists.tasks.approve",
              [](RequestContext& ctx) { return decide(ctx, "rejected"); });
  router.get("/community/tasks", "lists.tasks.community", community_tasks);
}
}  // namespace silian::lists
