// The public calendar (meetings, officials meeting residents, leaders' visits), residents'
// invitations of officials (约请) with the officials' answers, and leaders' visits (下访).
#include <algorithm>

#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/service/visits.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::deliberation {
namespace {
using http::RequestContext;
using http::Response;

Response calendar(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  struct Row {
    std::int64_t at;
    views::Value value;
  };
  std::vector<Row> rows;
  auto until = now + 92 * 86400;
  for (const auto& m : meetings_between(lease, 0, now - 86400, until, 200))
    if (m.status == "noticed")
      rows.push_back(
          {m.starts_at, views::Value{{"at", format_local_minutes(m.starts_at)},
                                     {"kind", ctx.t("calendar_meeting")},
                                     {"title", ctx.script(m.title)},
                                     {"community", ctx.script(m.community_name)},
                                     {"place", ctx.script(m.place)},
                                     {"href", "/deliberation/meetings/" + std::to_string(m.id)}}});
  for (const auto& q : accepted_requests_between(lease, now - 86400, until))
    rows.push_back({q.meet_at, views::Value{{"at", format_local_minutes(q.meet_at)},
                                            {"kind", ctx.t("calendar_request")},
                                            {"title", ctx.script(q.official_name) + " · " +
                                                          ctx.script(q.subject)},
                                            {"community", ctx.script(q.community_name)},
                                            {"place", ctx.script(q.place)}}});
  // Visits of the last month stay listed, with what came of them.
  for (const auto& v : visits_between(lease, now - 31 * 86400, until)) {
    views::Value row{{"at", format_local_minutes(v.starts_at)},
                     {"kind", ctx.t("calendar_visit")},
                     {"title", ctx.script(v.leader_name) + " · " + ctx.script(v.purpose)},
                     {"community", ctx.script(v.community_name)},
                     {"place", ctx.script(v.place)},
                     {"outcome", ctx.script(v.outcome)}};
    if (ctx.principal && v.leader_id == ctx.user().account_id && v.starts_at <= now &&
        v.outcome.empty())
      row.set("record_visit", v.id);
    rows.push_back({v.starts_at, row});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.at < b.at; });
  auto list = views::Value::list();
  for (auto& r : rows) list.push(std::move(r.value));
  views::Value data{{"rows", list}, {"empty", rows.empty()}};
  if (ctx.principal) {
    if (ctx.user().has_role("resident")) data.set("can_invite", true);
    if (ctx.user().has_any_role({"leader", "street_officer"})) data.set("can_visit", true);
  }
  return ctx.page("src/modules/deliberation/views/calendar.mustache", "calendar_title", data);
}

Response requests_page(RequestContext& ctx, int status = 200, const std::string& error = "") {
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  auto mine = views::Value::list();
  for (const auto& q : requests_of(lease, ctx.user().account_id)) {
    bool official = q.official_id == ctx.user().account_id;
    views::Value row{
        {"id", q.id},
        {"subject", ctx.script(q.subject)},
        {"body", ctx.script(q.body)},
        {"from", ctx.script(q.on_behalf_of.empty() ? q.requester_name : q.on_behalf_of)},
        {"to", ctx.script(q.official_name)},
        {"community", ctx.script(q.community_name)},
        {"status", ctx.t("request_status_" + q.status)},
        {"reply_note", ctx.script(q.reply_note)},
        {"place", ctx.script(q.place)},
        {"outcome", ctx.script(q.outcome)},
        {"sent", format_local_minutes(q.created_at)}};
    if (q.meet_at) row.set("meet_at", format_local_minutes(q.meet_at));
    if (official && q.status == "pending") row.set("may_answer", true);
    if (q.status == "accepted" && q.meet_at <= now && q.outcome.empty())
      row.set("may_record", true);
    mine.push(row);
  }
  views::Value data{{"rows", mine}, {"empty", mine.as_list().empty()}};
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/requests.mustache", "requests_title", data,
                  status);
}

Response invite_form(RequestContext& ctx, int status, const std::string& error) {
  auto lease = ctx.platform.db->lease();
  auto list = views::Value::list();
  auto chosen = http::parse_id(ctx.form("official")).value_or(0);
  for (const auto& o : officials(lease))
    list.push(views::Value{{"id", o.account_id},
                           {"name", ctx.script(o.name)},
                           {"role", ctx.t("role_" + o.role)},
                           {"selected", o.account_id == chosen}});
  views::Value data{{"officials", list},
                    {"subject", ctx.form("subject")},
                    {"body", ctx.form("body")},
                    {"on_behalf_of", ctx.form("on_behalf_of")}};
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/invite_official.mustache", "request_new_title",
                  data, status);
}

template <typename Step>
Response step(RequestContext& ctx, const std::string& back, const std::string& notice, Step run) {
  return run_step(ctx, notice, run, [&back](const Result&) { return back; });
}

Response invite_submit(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = invite_official(lease, ctx.user(), http::parse_id(ctx.form("official")).value_or(0),
                           ctx.form("on_behalf_of"), ctx.form("subject"), ctx.form("body"),
                           ctx.platform.clock.now());
  if (!r.ok()) return invite_form(ctx, r.status, r.error);
  tx.commit();
  return ctx.redirect("/deliberation/requests", "request_sent");
}

Response answer_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  auto when = parse_local_datetime(ctx.form("meet_at"));
  return step(ctx, "/deliberation/requests", "request_answered", [&](db::Lease& lease) {
    return answer_official_request(lease, ctx.user(), id, ctx.form("answer"), when.value_or(0),
                                   ctx.form("place"), ctx.form("note"), ctx.platform.clock.now());
  });
}

Response outcome_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "/deliberation/requests", "request_outcome_saved", [&](db::Lease& lease) {
    return record_meeting_outcome(lease, ctx.user(), id, ctx.form("outcome"),
                                  ctx.platform.clock.now());
  });
}

Response visit_form(RequestContext& ctx, int status, const std::string& error) {
  auto lease = ctx.platform.db->lease();
  auto communities = views::Value::list();
  auto chosen = http::parse_id(ctx.form("community")).value_or(0);
  for (const auto& u : org::units_of_kind(lease, "community"))
    if (u.active && ctx.user().covers(u.path, {"leader", "street_officer"}))
      communities.push(
          views::Value{{"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == chosen}});
  views::Value data{{"communities", communities},
                    {"starts", ctx.form("starts")},
                    {"ends", ctx.form("ends")},
                    {"place", ctx.form("place")},
                    {"purpose", ctx.form("purpose")}};
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/visit_form.mustache", "visit_new_title", data,
                  status);
}

Response visit_submit(RequestContext& ctx) {
  auto starts = parse_local_datetime(ctx.form("starts"));
  auto ends = parse_local_datetime(ctx.form("ends"));
  if (!starts || !ends) return visit_form(ctx, 422, "error_visit_time");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = schedule_visit(lease, ctx.user(), ctx.id_form("community").value_or(0), *starts, *ends,
                          ctx.form("place"), ctx.form("purpose"), ctx.platform.clock.now());
  if (r.status == 404) return ctx.error(404, "error_not_found");
  if (!r.ok()) return visit_form(ctx, r.status, r.error);
  tx.commit();
  return ctx.redirect("/deliberation/calendar", "visit_scheduled");
}

Response visit_outcome_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "/deliberation/calendar", "visit_outcome_saved", [&](db::Lease& lease) {
    return record_visit(lease, ctx.user(), id, ctx.form("outcome"), ctx.platform.clock.now());
  });
}
}  // namespace

void register_visit_routes(http::Router& router) {
  router.get("/deliberation/calendar", "public", calendar);
  router.get("/deliberation/requests", "authenticated",
             [](RequestContext& ctx) { return requests_page(ctx); });
  router.get("/deliberation/requests/new", "deliberation.propose",
             [](RequestContext& ctx) { return invite_form(ctx, 200, ""); });
  router.post("/deliberation/requests/new", "deliberation.propose", invite_submit);
  router.post("/deliberation/requests/{id}/answer", "authenticated", answer_submit);
  router.post("/deliberation/requests/{id}/outcome", "authenticated", outcome_submit);
  router.get("/deliberation/visits/new", "deliberation.visit",
             [](RequestContext& ctx) { return visit_form(ctx, 200, ""); });
  router.post("/deliberation/visits/new", "deliberation.visit", visit_submit);
  router.post("/deliberation/visits/{id}/outcome", "deliberation.visit", visit_outcome_submit);
}
}  // namespace silian::deliberation
