// A decision's public page (决议公开): its text, tally, execution tasks and progress, the
// supervisory committee's reviews, its entries in the public record and the residents'
// ratings; and the forms of each party: tasks (convener), reports (task owner), review
// (supervisory committee), rating (households).
#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/service/execution.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/platform.hpp"
#include "silian/platform/record/public_record.hpp"

namespace silian::deliberation {
namespace {
using http::RequestContext;
using http::Response;

Response detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto d = id ? find_decision(lease, *id) : std::nullopt;
  auto t = d ? find_topic(lease, d->topic_id) : std::nullopt;
  if (!d || !t) return ctx.error(404, "error_not_found");
  auto now = ctx.platform.clock.now();
  bool signed_in = ctx.principal.has_value();
  bool executing = t->status == "executing" || t->status == "decided";
  auto tasks = views::Value::list();
  for (const auto& k : tasks_of(lease, d->id)) {
    auto reports = views::Value::list();
    for (const auto& r : reports_of(lease, k.id))
      reports.push(views::Value{{"at", format_local_minutes(r.at)},
                                {"who", ctx.script(r.author)},
                                {"body", ctx.script(r.body)},
                                {"done", r.done}});
    views::Value row{{"id", k.id},
                     {"title", ctx.script(k.title)},
                     {"owner", ctx.script(k.owner_name)},
                     {"due", k.due_date},
                     {"done", k.status == "done"},
                     {"overdue", k.status != "done" && k.due_date < appeals::local_date(now)},
                     {"reports", reports}};
    if (signed_in && executing && k.status != "done" && owns(lease, ctx.user(), k))
      row.set("may_report", true);
    tasks.push(row);
  }
  auto reviews = views::Value::list();
  for (const auto& r : reviews_of(lease, d->id))
    reviews.push(views::Value{{"at", format_local_minutes(r.at)},
                              {"who", ctx.script(r.reviewer)},
                              {"verdict", ctx.t("review_" + r.verdict)},
                              {"note", ctx.script(r.note)}});
  auto published = views::Value::list();
  for (const auto& e : record::entries_about(lease, "topic:" + std::to_string(t->id)))
    published.push(
        views::Value{{"seq", e.seq}, {"kind", ctx.t("record_kind_" + e.kind)}, {"hash", e.hash}});
  auto counts = rating_counts(lease, d->id);
  views::Value data{{"decision", views::Value{{"id", d->id},
                                              {"text", ctx.script(d->text)},
                                              {"at", format_local_minutes(d->decided_at)},
                                              {"vote", d->vote_id}}},
                    {"topic", views::Value{{"id", t->id},
                                           {"title", ctx.script(t->title)},
                                           {"status", ctx.t("topic_status_" + t->status)},
                                           {"community", ctx.script(t->community_name)}}},
                    {"tasks", tasks},
                    {"has_tasks", !tasks.as_list().empty()},
                    {"reviews", reviews},
                    {"published", published},
                    {"signed_off", t->status == "signed_off"},
                    {"ratings", views::Value{{"satisfied", counts["satisfied"]},
                                             {"basic", counts["basic"]},
                                             {"unsatisfied", counts["unsatisfied"]}}}};
  if (signed_in && executing && may_convene(ctx.user(), t->community_path))
    data.set("may_add_task", true);
  if (signed_in && t->status == "executing" &&
      supervises(lease, ctx.user(), t->community_id, t->community_path, now))
    data.set("may_review", true);
  if (signed_in && t->status == "signed_off") {
    auto r = org::resident_of_account(lease, ctx.user().account_id);
    if (r && r->status == "verified" && r->household_id && r->community_id == t->community_id) {
      views::Value rate{{"may", true}};
      if (auto mine = rating_of(lease, d->id, r->household_id))
        rate.set("current", ctx.t("rating_" + *mine));
      data.set("rate", rate);
    }
  }
  return ctx.page("src/modules/deliberation/views/decision.mustache", "decision_title", data);
}

template <typename Step>
Response step(RequestContext& ctx, const std::string& notice, Step run) {
  return run_step(ctx, notice, run, page_of("/deliberation/decisions/"));
}

Response task_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "execution_added", [&](db::Lease& lease) {
    return add_task(lease, ctx.user(), id, ctx.form("title"), ctx.form("username"),
                    ctx.form("unit"), ctx.form("due"), ctx.platform.clock.now());
  });
}

Response report_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "execution_reported", [&](db::Lease& lease) {
    return report_progress(lease, ctx.user(), id, ctx.form("body"), ctx.form("done") == "1",
                           ctx.platform.clock.now());
  });
}

Response review_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "review_recorded", [&](db::Lease& lease) {
    return review(lease, ctx.user(), id, ctx.form("verdict"), ctx.form("note"),
                  ctx.platform.clock.now());
  });
}

Response rating_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "rating_recorded", [&](db::Lease& lease) {
    return rate_outcome(lease, ctx.user(), id, ctx.form("rating"), ctx.platform.clock.now());
  });
}
}  // namespace

void register_decision_routes(http::Router& router) {
  router.get("/deliberation/decisions/{id}", "public", detail);
  router.post("/deliberation/decisions/{id}/tasks", "deliberation.convene", task_submit);
  router.post("/deliberation/tasks/{id}/reports", "authenticated", report_submit);
  router.post("/deliberation/decisions/{id}/review", "authenticated", review_submit);
  router.post("/deliberation/decisions/{id}/rating", "deliberation.propose", rating_submit);
}
}  // namespace silian::deliberation
