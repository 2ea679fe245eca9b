#include "silian/modules/deliberation/service/visits.hpp"

#include <algorithm>

#include "silian/modules/deliberation/service/common.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
namespace {
using detail::blank;
using detail::characters;
using detail::refuse;

const std::vector<std::string> k_official_roles = {"leader", "street_officer", "department_officer",
                                                   "community_director"};
constexpr std::int64_t k_longest_visit = 12 * 3600;

bool text_ok(const std::string& text, std::size_t max, bool required = true) {
  return (!required || !blank(text)) && search::valid_utf8(text) && characters(text) <= max;
}

void log(db::Lease& lease, const auth::Principal& who, const std::string& action,
         const std::string& entity, std::int64_t id, const std::string& detail, std::int64_t now) {
  audit::append(lease, {who.account_id, action, entity, std::to_string(id), detail}, now);
}
}  // namespace

std::vector<Official> officials(db::Lease& lease) {
  std::vector<Official> out;
  for (const auto& role : k_official_roles)
    for (auto id : auth::accounts_with_role_in(lease, role, "/")) {
      if (std::any_of(out.begin(), out.end(),
                      [id](const Official& o) { return o.account_id == id; }))
        continue;
      auto a = auth::find_account(lease, id);
      if (a && a->status == "active") out.push_back({id, a->display_name, role});
    }
  return out;
}

Result invite_official(db::Lease& lease, const auth::Principal& who, std::int64_t official_id,
                       const std::string& on_behalf_of, const std::string& subject,
                       const std::string& body, std::int64_t now) {
  auto r = org::resident_of_account(lease, who.account_id);
  if (!r || r->status != "verified") return refuse(409, "error_request_verified");
  auto list = officials(lease);
  if (std::none_of(list.begin(), list.end(),
                   [official_id](const Official& o) { return o.account_id == official_id; }))
    return refuse(422, "error_request_official");
  if (!text_ok(subject, 120) || !text_ok(body, 2000) || !text_ok(on_behalf_of, 100, false))
    return refuse(422, "error_request_text");
  OfficialRequest q;
  q.community_id = r->community_id;
  q.requester_id = who.account_id;
  q.on_behalf_of = on_behalf_of;
  q.official_id = official_id;
  q.subject = subject;
  q.body = body;
  q.created_at = now;
  auto id = insert_request(lease, q);
  notify::send(lease, official_id, "notify_request_received", {{"subject", subject}},
               "/deliberation/requests", now);
  log(lease, who, "deliberation.request.send", "official_request", id, "", now);
  return {id, 200, ""};
}

Result answer_official_request(db::Lease& lease, const auth::Principal& who,
                               std::int64_t request_id, const std::string& answer,
                               std::int64_t meet_at, const std::string& place,
                               const std::string& note, std::int64_t now) {
  auto q = find_request(lease, request_id);
  if (!q || q->official_id != who.account_id) return refuse(404, "error_not_found");
  if (q->status != "pending") return refuse(409, "error_request_answered");
  if (answer == "accepted") {
    if (meet_at <= now) return refuse(422, "error_request_time");
    if (!text_ok(place, 200) || !text_ok(note, 500, false))
      return refuse(422, "error_request_place");
  } else if (answer == "declined") {
    // Declining takes a reason, which the requester sees.
    if (!text_ok(note, 500)) return refuse(422, "error_request_reason");
    meet_at = 0;
  } else {
    return refuse(422, "error_request_answer");
  }
  answer_request(lease, q->id, answer, meet_at, answer == "accepted" ? place : "", note, now);
  notify::send(lease, q->requester_id, "notify_request_" + answer,
               {{"subject", q->subject}, {"who", q->official_name}}, "/deliberation/requests", now);
  log(lease, who, "deliberation.request.answer", "official_request", q->id, "answer=" + answer,
      now);
  return {q->id, 200, ""};
}

Result record_meeting_outcome(db::Lease& lease, const auth::Principal& who, std::int64_t request_id,
                              const std::string& outcome, std::int64_t now) {
  auto q = find_request(lease, request_id);
  if (!q || (q->official_id != who.account_id && q->requester_id != who.account_id))
    return refuse(404, "error_not_found");
  if (q->status != "accepted" || q->meet_at > now) return refuse(409, "error_request_not_met");
  if (!text_ok(outcome, 2000)) return refuse(422, "error_request_outcome");
  record_request_outcome(lease, q->id, outcome, now);
  log(lease, who, "deliberation.request.outcome", "official_request", q->id, "", now);
  return {q->id, 200, ""};
}

Result schedule_visit(db::Lease& lease, const auth::Principal& who, std::int64_t community_id,
                      std::int64_t starts_at, std::int64_t ends_at, const std::string& place,
                      const std::string& purpose, std::int64_t now) {
  auto community = org::find_unit(lease, community_id);
  if (!community || community->kind != "community" ||
      !who.covers(community->path, {"leader", "street_officer"}))
    return refuse(404, "error_not_found");
  if (starts_at <= now || ends_at <= starts_at || ends_at - starts_at > k_longest_visit)
    return refuse(422, "error_visit_time");
  if (!text_ok(place, 200) || !text_ok(purpose, 500)) return refuse(422, "error_visit_text");
  Visit v;
  v.leader_id = who.account_id;
  v.community_id = community_id;
  v.starts_at = starts_at;
  v.ends_at = ends_at;
  v.place = place;
  v.purpose = purpose;
  v.created_at = now;
  auto id = insert_visit(lease, v);
  // The community's staff prepare for it.
  for (const auto& role : {"community_director", "community_worker"})
    for (auto account : auth::accounts_with_role_in(lease, role, community->path))
      notify::send(lease, account, "notify_visit_scheduled",
                   {{"at", format_local_minutes(starts_at)}}, "/deliberation/calendar", now);
  log(lease, who, "deliberation.visit.schedule", "leader_visit", id, community->code, now);
  return {id, 200, ""};
}

Result record_visit(db::Lease& lease, const auth::Principal& who, std::int64_t visit_id,
                    const std::string& outcome, std::int64_t now) {
  auto v = find_visit(lease, visit_id);
  if (!v || v->leader_id != who.account_id) return refuse(404, "error_not_found");
  if (v->starts_at > now) return refuse(409, "error_visit_not_held");
  if (!text_ok(outcome, 2000)) return refuse(422, "error_visit_outcome");
  record_visit_outcome(lease, v->id, outcome, now);
  log(lease, who, "deliberation.visit.outcome", "leader_visit", v->id, "", now);
  return {v->id, 200, ""};
}
}  // namespace silian::deliberation
