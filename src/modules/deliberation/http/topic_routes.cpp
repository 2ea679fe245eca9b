// Topics (议题): the public list and page of each topic with where it came from, a
// resident's proposal and co-signing, an appeal taken to the council, and a topic put
// forward by the council or the street.
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/vote_store.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::deliberation {
namespace {
using http::RequestContext;
using http::Response;

const std::vector<std::string> k_statuses = {"collecting", "accepted"};
const std::vector<std::string> k_sources = {"appeal", "proposal", "council", "street"};

views::Value topic_row(RequestContext& ctx, const Topic& t) {
  return views::Value{{"id", t.id},
                      {"title", ctx.script(t.title)},
                      {"community", ctx.script(t.community_name)},
                      {"community_id", t.community_id},
                      {"source", ctx.t("topic_source_" + t.source)},
                      {"status", ctx.t("topic_status_" + t.status)},
                      {"collecting", t.status == "collecting"},
                      {"cosigned", t.cosign_count},
                      {"threshold", t.cosign_threshold},
                      {"updated", format_local_minutes(t.updated_at)}};
}

views::Value options(RequestContext& ctx, const std::vector<std::string>& codes,
                     const std::string& prefix, const std::string& chosen) {
  auto out = views::Value::list();
  for (const auto& c : codes)
    out.push(views::Value{{"code", c}, {"label", ctx.t(prefix + c)}, {"selected", c == chosen}});
  return out;
}

Response list(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  TopicFilter f;
  f.community_id = http::parse_id(ctx.query("community")).value_or(0);
  f.status = ctx.query("status");
  f.source = ctx.query("source");
  if (!f.status.empty() &&
      std::find(k_statuses.begin(), k_statuses.end(), f.status) == k_statuses.end())
    f.status.clear();
  if (!f.source.empty() &&
      std::find(k_sources.begin(), k_sources.end(), f.source) == k_sources.end())
    f.source.clear();
  constexpr int per_page = 30;
  int page = std::min(ctx.page_number(), 1000);
  auto found = topics(lease, f, per_page + 1, (page - 1) * per_page);
  bool more = found.size() > per_page;
  if (more) found.pop_back();
  auto rows = views::Value::list();
  for (const auto& t : found) rows.push(topic_row(ctx, t));
  auto communities = views::Value::list();
  for (const auto& u : org::units_of_kind(lease, "community"))
    if (u.active)
      communities.push(views::Value{
          {"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == f.community_id}});
  std::string base = "?community=" + (f.community_id ? std::to_string(f.community_id) : "") +
                     "&status=" + http::url_encode(f.status) +
                     "&source=" + http::url_encode(f.source);
  views::Value data{{"rows", rows},
                    {"empty", found.empty()},
                    {"communities", communities},
                    {"statuses", options(ctx, k_statuses, "topic_status_", f.status)},
                    {"sources", options(ctx, k_sources, "topic_source_", f.source)}};
  if (page > 1) data.set("prev_page", base + "&page=" + std::to_string(page - 1));
  if (more) data.set("next_page", base + "&page=" + std::to_string(page + 1));
  if (ctx.principal) {
    const auto& who = ctx.user();
    if (who.has_role("resident")) data.set("can_propose", true);
    if (who.has_any_role({"community_director", "council_member", "street_officer"}))
      data.set("can_raise", true);
  }
  return ctx.page("src/modules/deliberation/views/topics.mustache", "topics_title", data);
}

Response detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto t = id ? find_topic(lease, *id) : std::nullopt;
  if (!t) return ctx.error(404, "error_not_found");
  bool staff = ctx.principal &&
               ctx.user().covers(t->community_path,
                                 {"community_worker", "community_director", "council_member",
                                  "supervisor", "street_officer", "district_admin", "leader"});
  auto households = org::count_households(lease, t->community_id);
  views::Value topic = topic_row(ctx, *t);
  topic.set("body", ctx.script(t->body));
  views::Value data{{"topic", topic}};
  if (t->source == "proposal") {
    data.set("proposal", views::Value{{"cosigned", t->cosign_count},
                                      {"threshold", t->cosign_threshold},
                                      {"households", households}});
    if (obliges_residents_meeting(t->cosign_count, households)) data.set("residents_meeting", true);
  }
  // The appeal's public number is on the public board too; staff can open the appeal.
  if (t->appeal_id)
    if (auto a = appeals::find_appeal(lease, t->appeal_id))
      data.set("appeal", views::Value{{"id", t->appeal_id}, {"no", a->public_no}, {"link", staff}});
  auto events = views::Value::list();
  for (const auto& e : topic_events(lease, t->id)) {
    views::Value row{{"at", format_local_minutes(e.at)},
                     {"what", ctx.tf("topic_event_" + e.kind, {{"detail", e.detail}})}};
    if (staff && !e.actor_name.empty()) row.set("who", ctx.script(e.actor_name));
    events.push(row);
  }
  data.set("events", events);
  if (ctx.principal && t->status == "collecting" && ctx.user().has_role("resident")) {
    auto resident = org::resident_of_account(lease, ctx.user().account_id);
    if (resident && resident->status == "verified" && resident->household_id &&
        resident->community_id == t->community_id) {
      if (household_signed(lease, t->id, resident->household_id))
        data.set("signed", true);
      else
        data.set("can_cosign", true);
    }
  }
  if (auto v = vote_of_topic(lease, t->id))
    data.set("vote", views::Value{{"id", v->id}, {"open", v->status == "open"}});
  if (auto d = decision_of_topic(lease, t->id))
    data.set("decision", views::Value{{"id", d->id},
                                      {"text", ctx.script(d->text)},
                                      {"at", format_local_minutes(d->decided_at)}});
  // The online thread beside the meetings: hidden comments stay listed with the reason.
  bool moderator = ctx.principal && may_moderate(ctx.user(), t->community_path);
  auto comments = views::Value::list();
  for (const auto& c : comments_of(lease, t->id)) {
    views::Value row{{"id", c.id}, {"at", format_local_minutes(c.at)}, {"hidden", c.hidden}};
    if (c.hidden) {
      row.set("reason", ctx.script(c.hidden_reason));
    } else {
      // Staff speak in their own name; residents are named only to the community's staff.
      row.set("author", c.author_kind == "staff" || staff ? ctx.script(c.author)
                                                          : ctx.t("comment_author_resident"));
      row.set("body", ctx.script(c.body));
      row.set("may_hide", moderator);
    }
    comments.push(row);
  }
  data.set("comments", comments);
  data.set("may_comment", ctx.principal.has_value());
  return ctx.page("src/modules/deliberation/views/topic_detail.mustache", "topic_title", data);
}

Response propose_form(RequestContext& ctx, int status, const std::string& error,
                      const std::string& title = "", const std::string& body = "") {
  auto lease = ctx.platform.db->lease();
  views::Value data{{"title", title},
                    {"body", body},
                    {"title_max", static_cast<std::int64_t>(k_title_max)},
                    {"action", "/deliberation/propose"},
                    {"heading", ctx.t("topic_propose_title")},
                    {"lead", ctx.t("topic_propose_lead")}};
  if (auto r = org::resident_of_account(lease, ctx.user().account_id))
    if (auto c = council_of(lease, r->community_id, "consultation"))
      data.set("threshold", c->proposal_threshold);
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/topic_form.mustache", "topic_propose_title", data,
                  status);
}

Response propose_submit(RequestContext& ctx) {
  auto title = ctx.form("title"), body = ctx.form("body");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = propose(lease, ctx.user(), title, body, ctx.platform.clock.now());
  if (!r.ok()) return propose_form(ctx, r.status, r.error, title, body);
  tx.commit();
  return ctx.redirect("/deliberation/topics/" + std::to_string(r.topic_id), "topic_proposed");
}

Response cosign_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return ctx.error(404, "error_not_found");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = cosign(lease, ctx.user(), *id, ctx.platform.clock.now());
  if (!r.ok()) return ctx.error(r.status, r.error);
  tx.commit();
  return ctx.redirect("/deliberation/topics/" + std::to_string(*id), "topic_cosigned");
}

// The communities where this user may put a topic forward.
views::Value raise_communities(RequestContext& ctx, db::Lease& lease, std::int64_t chosen) {
  auto out = views::Value::list();
  for (const auto& u : org::units_of_kind(lease, "community"))
    if (u.active && may_raise_for(ctx.user(), u.path))
      out.push(
          views::Value{{"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == chosen}});
  return out;
}

Response raise_form(RequestContext& ctx, int status, const std::string& error,
                    std::int64_t community = 0, const std::string& title = "",
                    const std::string& body = "") {
  auto lease = ctx.platform.db->lease();
  views::Value data{{"title", title},
                    {"body", body},
                    {"title_max", static_cast<std::int64_t>(k_title_max)},
                    {"action", "/deliberation/raise"},
                    {"heading", ctx.t("topic_raise_title")},
                    {"lead", ctx.t("topic_raise_lead")},
                    {"communities", raise_communities(ctx, lease, community)}};
  data.set("has_communities", true);
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/topic_form.mustache", "topic_raise_title", data,
                  status);
}

Response raise_submit(RequestContext& ctx) {
  auto title = ctx.form("title"), body = ctx.form("body");
  auto community = ctx.id_form("community").value_or(0);
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = from_council(lease, ctx.user(), community, title, body, ctx.platform.clock.now());
  if (r.status == 404) return ctx.error(404, "error_not_found");
  if (!r.ok()) return raise_form(ctx, r.status, r.error, community, title, body);
  tx.commit();
  return ctx.redirect("/deliberation/topics/" + std::to_string(r.topic_id), "topic_raised");
}

Response from_appeal_form(RequestContext& ctx, int status, const std::string& error,
                          const std::string& title = "") {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto a = id ? appeals::find_appeal(lease, *id) : std::nullopt;
  if (!a || !ctx.user().covers(a->place_path,
                               {"community_worker", "community_director", "council_member"}))
    return ctx.error(404, "error_not_found");
  if (auto existing = topic_of_appeal(lease, a->id))
    return ctx.redirect("/deliberation/topics/" + std::to_string(existing->id));
  views::Value data{{"title", title},
                    {"title_max", static_cast<std::int64_t>(k_title_max)},
                    {"action", "/deliberation/from-appeal/" + std::to_string(a->id)},
                    {"heading", ctx.t("topic_from_appeal_title")},
                    {"lead", ctx.t("topic_from_appeal_lead")},
                    {"appeal", views::Value{{"id", a->id},
                                            {"no", a->public_no},
                                            {"description", ctx.script(a->description)},
                                            {"community", ctx.script(a->community_name)}}}};
  if (a->route != "community") data.set("not_community", true);
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/topic_form.mustache", "topic_from_appeal_title",
                  data, status);
}

Response from_appeal_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return ctx.error(404, "error_not_found");
  auto title = ctx.form("title");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = from_appeal(lease, ctx.user(), *id, title, ctx.platform.clock.now());
  if (r.status == 404) return ctx.error(404, "error_not_found");
  if (r.error == "error_topic_appeal_taken") return ctx.error(409, r.error);
  if (!r.ok()) return from_appeal_form(ctx, r.status, r.error, title);
  tx.commit();
  return ctx.redirect("/deliberation/topics/" + std::to_string(r.topic_id), "topic_raised");
}
Response comment_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = comment(lease, ctx.user(), id, ctx.form("body"), ctx.platform.clock.now());
  if (!r.ok()) return ctx.error(r.status, r.error);
  tx.commit();
  return ctx.redirect("/deliberation/topics/" + std::to_string(id) + "#comments", "comment_posted");
}

Response hide_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = hide(lease, ctx.user(), id, ctx.form("reason"), ctx.platform.clock.now());
  if (!r.ok()) return ctx.error(r.status, r.error);
  tx.commit();
  return ctx.redirect("/deliberation/topics/" + std::to_string(r.topic_id) + "#comments",
                      "comment_hidden");
}
}  // namespace

void register_topic_routes(http::Router& router) {
  router.get("/deliberation", "public", list);
  router.get("/deliberation/topics/{id}", "public", detail);
  router.get("/deliberation/propose", "deliberation.propose",
             [](RequestContext& ctx) { return propose_form(ctx, 200, ""); });
  router.post("/deliberation/propose", "deliberation.propose", propose_submit);
  router.post("/deliberation/topics/{id}/cosign", "deliberation.propose", cosign_submit);
  router.get("/deliberation/raise", "deliberation.raise",
             [](RequestContext& ctx) { return raise_form(ctx, 200, ""); });
  router.post("/deliberation/raise", "deliberation.raise", raise_submit);
  router.get("/deliberation/from-appeal/{id}", "deliberation.from_appeal",
             [](RequestContext& ctx) { return from_appeal_form(ctx, 200, ""); });
  router.post("/deliberation/from-appeal/{id}", "deliberation.from_appeal", from_appeal_submit);
  router.post("/deliberation/topics/{id}/comments", "authenticated", comment_submit);
  router.post("/deliberation/comments/{id}/hide", "deliberation.moderate", hide_submit);
}
}  // namespace silian::deliberation
