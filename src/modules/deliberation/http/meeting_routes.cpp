// Meetings (议事会议): the public list and iCalendar feed, each meeting's page with its
// agenda, invitations and replies, attendance and minutes; convening, the notice,
// invitations, replies and the record of the meeting.
#include "silian/modules/deliberation/domain/icalendar.hpp"
#include "silian/modules/deliberation/http/route_groups.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/storage/visit_store.hpp"
#include "silian/modules/deliberation/storage/vote_store.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::deliberation {
namespace {
using http::RequestContext;
using http::Response;

const std::vector<std::string> k_kinds = {"council", "residents", "owners"};

bool convener_of(RequestContext& ctx, const Meeting& m) {
  return ctx.principal && may_convene(ctx.user(), m.community_path);
}

// Drafts are the convener's; once noticed, a meeting is public.
bool visible(RequestContext& ctx, const Meeting& m) {
  return m.status != "draft" || convener_of(ctx, m);
}

views::Value meeting_row(RequestContext& ctx, const Meeting& m) {
  return views::Value{{"id", m.id},
                      {"title", ctx.script(m.title)},
                      {"community", ctx.script(m.community_name)},
                      {"kind", ctx.t("meeting_kind_" + m.kind)},
                      {"status", ctx.t("meeting_status_" + m.status)},
                      {"starts", format_local_minutes(m.starts_at)},
                      {"ends", format_local_minutes(m.ends_at)},
                      {"place", ctx.script(m.place)},
                      {"online", !m.online_url.empty()}};
}

Response list(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  auto community = http::parse_id(ctx.query("community")).value_or(0);
  auto rows = views::Value::list();
  bool any_convener = false;
  for (const auto& m : meetings_between(lease, community, now - 90 * 86400, now + 366 * 86400, 200))
    if (visible(ctx, m)) rows.push(meeting_row(ctx, m));
  auto communities = views::Value::list();
  for (const auto& u : org::units_of_kind(lease, "community")) {
    if (ctx.principal && may_convene(ctx.user(), u.path)) any_convener = true;
    if (u.active)
      communities.push(views::Value{
          {"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == community}});
  }
  views::Value data{{"rows", rows},
                    {"empty", rows.as_list().empty()},
                    {"communities", communities},
                    {"feed", "/deliberation/meetings.ics" +
                                 (community ? "?community=" + std::to_string(community) : "")},
                    {"can_convene", any_convener}};
  return ctx.page("src/modules/deliberation/views/meetings.mustache", "meetings_title", data);
}

Response feed(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto now = ctx.platform.clock.now();
  auto community = http::parse_id(ctx.query("community")).value_or(0);
  std::vector<CalendarEvent> events;
  for (const auto& m :
       meetings_between(lease, community, now - 180 * 86400, now + 366 * 86400, 500)) {
    if (m.status == "draft") continue;
    std::string agenda_text;
    for (const auto& i : agenda(lease, m.id))
      agenda_text += std::to_string(i.position) + ". " + i.title + "\n";
    events.push_back({"meeting-" + std::to_string(m.id) + "@silian", m.starts_at, m.ends_at,
                      m.noticed_at ? m.noticed_at : m.updated_at,
                      m.title + "（" + m.community_name + "）", m.place, agenda_text, "",
                      m.status == "cancelled"});
  }
  // Officials meeting residents and leaders' visits are on the public calendar too.
  for (const auto& q : accepted_requests_between(lease, now - 180 * 86400, now + 366 * 86400))
    events.push_back({"request-" + std::to_string(q.id) + "@silian", q.meet_at, q.meet_at + 3600,
                      q.replied_at, q.official_name + "：" + q.subject, q.place, q.community_name,
                      "", false});
  for (const auto& v : visits_between(lease, now - 180 * 86400, now + 366 * 86400))
    events.push_back({"visit-" + std::to_string(v.id) + "@silian", v.starts_at, v.ends_at,
                      v.created_at, v.leader_name + "下访：" + v.community_name, v.place, v.purpose,
                      "", false});
  http::Response r;
  r.status = 200;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = icalendar("四联 · 议事会议", events);
  return r;
}

Response detail(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  auto lease = ctx.platform.db->lease();
  auto m = id ? find_meeting(lease, *id) : std::nullopt;
  if (!m || !visible(ctx, *m)) return ctx.error(404, "error_not_found");
  auto now = ctx.platform.clock.now();
  bool convener = convener_of(ctx, *m);
  // The community's own staff (not staff anywhere) see residents' names.
  bool staff = ctx.principal &&
               ctx.user().covers(m->community_path,
                                 {"community_worker", "community_director", "council_member",
                                  "supervisor", "grid_worker", "street_officer"});
  views::Value meeting = meeting_row(ctx, *m);
  if (ctx.principal && !m->online_url.empty()) meeting.set("online_url", m->online_url);
  if (m->noticed_at) meeting.set("noticed", format_local_minutes(m->noticed_at));
  if (!m->minutes.empty()) meeting.set("minutes", ctx.script(m->minutes));
  auto items = views::Value::list();
  auto votable = views::Value::list();
  auto votes = votes_of_meeting(lease, m->id);
  for (const auto& i : agenda(lease, m->id)) {
    views::Value item{{"topic", i.topic_id},
                      {"position", i.position},
                      {"title", ctx.script(i.title)},
                      {"status", ctx.t("topic_status_" + i.status)}};
    for (const auto& v : votes)
      if (v.topic_id == i.topic_id) item.set("vote", v.id);
    if (i.status == "scheduled")
      votable.push(views::Value{{"topic", i.topic_id}, {"title", ctx.script(i.title)}});
    items.push(item);
  }
  auto invitations = views::Value::list();
  auto mine = views::Value::list();
  for (const auto& i : invitations_of(lease, m->id)) {
    views::Value row{{"id", i.id},
                     {"who", ctx.script(i.invitee_name)},
                     {"note", ctx.script(i.note)},
                     {"reply", ctx.t("invitation_reply_" + i.reply)},
                     {"reply_note", ctx.script(i.reply_note)},
                     {"attended", i.attended}};
    invitations.push(row);
    if (ctx.principal && answers_for(lease, ctx.user(), i) && m->starts_at > now &&
        m->status != "cancelled")
      mine.push(row);
  }
  auto present = views::Value::list();
  std::int64_t residents = 0;
  for (const auto& a : attendees(lease, m->id)) {
    if (a.capacity == "resident") ++residents;
    // Residents who came are counted in public; staff see the names.
    if (a.capacity != "resident" || staff)
      present.push(views::Value{{"name", ctx.script(a.name)},
                                {"capacity", ctx.t("attendance_capacity_" + a.capacity)},
                                {"mode", ctx.t("attendance_mode_" + a.mode)}});
  }
  views::Value data{{"meeting", meeting},
                    {"items", items},
                    {"invitations", invitations},
                    {"has_invitations", !invitations.as_list().empty()},
                    {"present", present},
                    {"residents_present", residents},
                    {"mine", mine}};
  if (convener) {
    views::Value act{{"id", m->id}};
    if (m->status == "draft") {
      auto candidates = views::Value::list();
      for (const auto& t : topics(lease, {m->community_id, "accepted", ""}, 100, 0))
        candidates.push(views::Value{{"id", t.id}, {"title", ctx.script(t.title)}});
      act.set("draft", true);
      act.set("candidates", candidates);
    }
    if (m->starts_at > now && m->status != "cancelled") act.set("may_invite", true);
    if (m->status == "noticed" && m->starts_at <= now) {
      act.set("record", true);
      act.set("minutes_text", m->minutes);
      act.set("has_votable", !votable.as_list().empty());
      act.set("votable", votable);
      auto rules = views::Value::list();
      for (const auto& r : voting_rules(lease))
        rules.push(views::Value{{"code", r.code}, {"label", ctx.t("vote_rule_" + r.code)}});
      act.set("rules", rules);
      act.set("closes_default", format_local_datetime(std::max(now, m->ends_at)));
    }
    data.set("convener", act);
  }
  return ctx.page("src/modules/deliberation/views/meeting_detail.mustache", "meeting_title", data);
}

Response form(RequestContext& ctx, int status, const std::string& error, const MeetingDraft& d,
              const std::string& starts, const std::string& ends) {
  auto lease = ctx.platform.db->lease();
  auto communities = views::Value::list();
  auto candidates = views::Value::list();
  for (const auto& u : org::units_of_kind(lease, "community")) {
    if (!u.active || !may_convene(ctx.user(), u.path)) continue;
    communities.push(views::Value{
        {"id", u.id}, {"name", ctx.script(u.name)}, {"selected", u.id == d.community_id}});
    for (const auto& t : topics(lease, {u.id, "accepted", ""}, 100, 0))
      candidates.push(views::Value{{"id", t.id},
                                   {"title", ctx.script(t.title)},
                                   {"community", ctx.script(u.name)},
                                   {"checked", std::find(d.topic_ids.begin(), d.topic_ids.end(),
                                                         t.id) != d.topic_ids.end()}});
  }
  if (communities.as_list().empty()) return ctx.error(403, "error_forbidden");
  auto kinds = views::Value::list();
  for (const auto& k : k_kinds)
    kinds.push(views::Value{
        {"code", k}, {"label", ctx.t("meeting_kind_" + k)}, {"selected", k == d.kind}});
  views::Value data{{"communities", communities},
                    {"candidates", candidates},
                    {"kinds", kinds},
                    {"title", d.title},
                    {"place", d.place},
                    {"online_url", d.online_url},
                    {"starts", starts},
                    {"ends", ends}};
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/modules/deliberation/views/meeting_form.mustache", "meeting_new_title", data,
                  status);
}

Response create(RequestContext& ctx) {
  MeetingDraft d;
  d.community_id = ctx.id_form("community").value_or(0);
  d.title = ctx.form("title");
  d.kind = ctx.form("kind");
  d.place = ctx.form("place");
  d.online_url = ctx.form("online_url");
  auto starts = ctx.form("starts"), ends = ctx.form("ends");
  for (const auto& v : ctx.form_values("topic"))
    if (auto id = http::parse_id(v)) d.topic_ids.push_back(*id);
  auto s = parse_local_datetime(starts), e = parse_local_datetime(ends);
  if (!s || !e) return form(ctx, 422, "error_meeting_time", d, starts, ends);
  d.starts_at = *s;
  d.ends_at = *e;
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  auto r = convene(lease, ctx.user(), d, ctx.platform.clock.now());
  if (r.status == 404) return ctx.error(404, "error_not_found");
  if (!r.ok()) return form(ctx, r.status, r.error, d, starts, ends);
  tx.commit();
  return ctx.redirect("/deliberation/meetings/" + std::to_string(r.topic_id), "meeting_convened");
}

// Runs a convener's or invitee's step and goes back to the meeting page.
template <typename Step>
Response step(RequestContext& ctx, const std::string& notice, Step run) {
  return run_step(ctx, notice, run, page_of("/deliberation/meetings/"));
}

Response agenda_add(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  auto topic = ctx.id_form("topic").value_or(0);
  return step(ctx, "meeting_agenda_added", [&](db::Lease& lease) {
    return add_to_agenda(lease, ctx.user(), id, topic, ctx.platform.clock.now());
  });
}

Response notice(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "meeting_noticed", [&](db::Lease& lease) {
    return publish_notice(lease, ctx.user(), id, ctx.platform.clock.now());
  });
}

Response invite_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "meeting_invited", [&](db::Lease& lease) {
    return invite(lease, ctx.user(), id, ctx.form("username"), ctx.form("unit"), ctx.form("note"),
                  ctx.platform.clock.now());
  });
}

Response reply_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "invitation_replied", [&](db::Lease& lease) {
    return reply(lease, ctx.user(), id, ctx.form("answer"), ctx.form("note"),
                 ctx.platform.clock.now());
  });
}

Response attendance_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  std::vector<AttendanceEntry> entries;
  auto names = ctx.form_values("name");
  auto capacities = ctx.form_values("capacity");
  auto modes = ctx.form_values("mode");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;  // the form's spare rows
    entries.push_back(
        {names[i], i < capacities.size() ? capacities[i] : "", i < modes.size() ? modes[i] : ""});
  }
  std::vector<std::int64_t> invited;
  for (const auto& v : ctx.form_values("invitation"))
    if (auto n = http::parse_id(v)) invited.push_back(*n);
  return step(ctx, "meeting_attendance_saved", [&](db::Lease& lease) {
    return record_attendance(lease, ctx.user(), id, entries, invited, ctx.platform.clock.now());
  });
}

Response minutes_submit(RequestContext& ctx) {
  auto id = ctx.id_param("id").value_or(0);
  return step(ctx, "meeting_minutes_saved", [&](db::Lease& lease) {
    return record_minutes(lease, ctx.user(), id, ctx.form("minutes"), ctx.platform.clock.now());
  });
}
}  // namespace

void register_meeting_routes(http::Router& router) {
  router.get("/deliberation/meetings", "public", list);
  router.get("/deliberation/meetings.ics", "public", feed);
  router.get("/deliberation/meetings/new", "deliberation.convene", [](RequestContext& ctx) {
    return form(ctx, 200, "", MeetingDraft{0, "", "council", "", "", 0, 0, {}}, "", "");
  });
  router.post("/deliberation/meetings/new", "deliberation.convene", create);
  router.get("/deliberation/meetings/{id}", "public", detail);
  router.post("/deliberation/meetings/{id}/agenda", "deliberation.convene", agenda_add);
  router.post("/deliberation/meetings/{id}/notice", "deliberation.convene", notice);
  router.post("/deliberation/meetings/{id}/invitations", "deliberation.convene", invite_submit);
  router.post("/deliberation/meetings/{id}/attendance", "deliberation.convene", attendance_submit);
  router.post("/deliberation/meetings/{id}/minutes", "deliberation.convene", minutes_submit);
  router.post("/deliberation/invitations/{id}/reply", "authenticated", reply_submit);
}
}  // namespace silian::deliberation
