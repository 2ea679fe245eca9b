#include "silian/modules/deliberation/service/topics.hpp"

#include "silian/modules/deliberation/service/common.hpp"

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
namespace {
const std::vector<std::string> k_community_staff = {"community_worker", "community_director",
                                                    "council_member"};

using detail::blank;
using detail::characters;
using detail::refuse;

// Empty when title and body are acceptable; else the i18n key of the problem.
std::string check_text(const std::string& title, const std::string& body, bool body_required) {
  if (!search::valid_utf8(title) || !search::valid_utf8(body)) return "error_topic_text";
  if (blank(title)) return "error_topic_title";
  if (characters(title) > k_title_max) return "error_topic_title";
  if (body_required && blank(body)) return "error_topic_body";
  if (characters(body) > k_body_max) return "error_topic_body";
  return "";
}

void log(db::Lease& lease, const auth::Principal& who, const std::string& action,
         std::int64_t topic, const std::string& detail, std::int64_t now) {
  audit::append(lease, {who.account_id, action, "topic", std::to_string(topic), detail}, now);
}

void event(db::Lease& lease, std::int64_t topic, std::int64_t actor, const std::string& kind,
           const std::string& detail, std::int64_t now) {
  add_topic_event(lease, {0, topic, now, actor, kind, detail, ""});
}

// The council's members with accounts hear of a new topic on their list.
void notify_council(db::Lease& lease, const Topic& t, std::int64_t now) {
  auto council = council_of(lease, t.community_id, "consultation");
  if (!council) return;
  for (const auto& m : members_of(lease, council->id))
    if (m.account_id)
      notify::send(lease, m.account_id, "notify_topic_accepted", {{"title", t.title}},
                   "/deliberation/topics/" + std::to_string(t.id), now);
}

// Stores a topic and its first event; notifies the council when it is on the list.
Result store(db::Lease& lease, const auth::Principal& who, Topic& t, const std::string& detail,
             std::int64_t now) {
  t.created_at = now;
  insert_topic(lease, t);
  event(lease, t.id, who.account_id, "raised_" + t.source, detail, now);
  log(lease, who, "deliberation.topic.raise", t.id, "source=" + t.source, now);
  if (t.status == "accepted") notify_council(lease, t, now);
  return {t.id, 200, ""};
}
}  // namespace

bool obliges_residents_meeting(std::int64_t cosigning_households, std::int64_t households) {
  // "一户以上的居民" ... "五分之一以上": at least one fifth, the number itself included.
  return households > 0 && cosigning_households * 5 >= households;
}

bool may_raise_for(const auth::Principal& who, const std::string& community_path) {
  return who.covers(community_path, {"community_director", "council_member", "street_officer"});
}

bool may_manage_councils(const auth::Principal& who, const std::string& community_path) {
  return who.covers(community_path, {"community_director", "district_admin"});
}

Result propose(db::Lease& lease, const auth::Principal& who, const std::string& title,
               const std::string& body, std::int64_t now) {
  auto resident = org::resident_of_account(lease, who.account_id);
  if (!resident || resident->status != "verified" || !resident->household_id)
    return refuse(409, "error_topic_verified_household");
  if (auto bad = check_text(title, body, true); !bad.empty()) return refuse(422, bad);
  auto council = council_of(lease, resident->community_id, "consultation");
  if (!council || council->proposal_threshold < 1) return refuse(409, "error_topic_no_council");
  Topic t;
  t.community_id = resident->community_id;
  t.title = title;
  t.body = body;
  t.source = "proposal";
  t.proposer_id = who.account_id;
  t.cosign_threshold = council->proposal_threshold;
  t.cosign_count = 0;
  t.status = "collecting";
  auto r = store(lease, who, t, "", now);
  add_cosignature(lease, t.id, resident->household_id, who.account_id, now);
  if (t.cosign_threshold <= 1) {
    set_topic_status(lease, t.id, "accepted", now);
    event(lease, t.id, 0, "threshold_reached", "1", now);
    t.status = "accepted";
    notify_council(lease, t, now);
  }
  return r;
}

Result cosign(db::Lease& lease, const auth::Principal& who, std::int64_t topic_id,
              std::int64_t now) {
  // Locked: two households signing at once must not both read the same count.
  auto t = find_topic_for_update(lease, topic_id);
  if (!t) return refuse(404, "error_not_found");
  auto resident = org::resident_of_account(lease, who.account_id);
  if (!resident || resident->status != "verified" || !resident->household_id ||
      resident->community_id != t->community_id)
    return refuse(409, "error_topic_cosign_household");
  if (t->status != "collecting") return refuse(409, "error_topic_not_collecting");
  if (!add_cosignature(lease, t->id, resident->household_id, who.account_id, now))
    return refuse(409, "error_topic_household_signed");
  event(lease, t->id, who.account_id, "cosigned", "", now);
  log(lease, who, "deliberation.topic.cosign", t->id, "", now);
  auto count = t->cosign_count + 1;
  if (count >= t->cosign_threshold) {
    set_topic_status(lease, t->id, "accepted", now);
    event(lease, t->id, 0, "threshold_reached", std::to_string(count), now);
    t->status = "accepted";
    notify_council(lease, *t, now);
    if (t->proposer_id)
      notify::send(lease, t->proposer_id, "notify_topic_threshold", {{"title", t->title}},
                   "/deliberation/topics/" + std::to_string(t->id), now);
  }
  return {t->id, 200, ""};
}

Result from_appeal(db::Lease& lease, const auth::Principal& who, std::int64_t appeal_id,
                   const std::string& title, std::int64_t now) {
  // Locked: two workers taking the same appeal at once make one topic, not a failure.
  auto a = appeals::find_appeal_for_update(lease, appeal_id);
  if (!a) return refuse(404, "error_not_found");
  if (!who.covers(a->place_path, k_community_staff)) return refuse(404, "error_not_found");
  if (a->route != "community") return refuse(409, "error_topic_not_community_matter");
  if (topic_of_appeal(lease, a->id)) return refuse(409, "error_topic_appeal_taken");
  if (auto bad = check_text(title, "", false); !bad.empty()) return refuse(422, bad);
  Topic t;
  t.community_id = a->community_id;
  t.title = title;
  // The resident's words, without name, contact or address: the topic is public.
  t.body = a->description;
  t.source = "appeal";
  t.appeal_id = a->id;
  t.proposer_id = who.account_id;
  t.status = "accepted";
  return store(lease, who, t, a->public_no, now);
}

Result from_council(db::Lease& lease, const auth::Principal& who, std::int64_t community_id,
                    const std::string& title, const std::string& body, std::int64_t now) {
  auto community = org::find_unit(lease, community_id);
  if (!community || community->kind != "community") return refuse(404, "error_not_found");
  // Communities outside the user's scope are not there for them.
  if (!may_raise_for(who, community->path)) return refuse(404, "error_not_found");
  if (auto bad = check_text(title, body, true); !bad.empty()) return refuse(422, bad);
  Topic t;
  t.community_id = community_id;
  t.title = title;
  t.body = body;
  // The street raises it when the user acts from the street; otherwise the council.
  t.source =
      who.covers(community->path, {"community_director", "council_member"}) ? "council" : "street";
  t.proposer_id = who.account_id;
  for (const auto& r : who.roles)
    if (r.role != "resident" && community->path.starts_with(r.unit_path)) {
      t.proposer_unit_id = r.unit_id;
      break;
    }
  t.status = "accepted";
  return store(lease, who, t, "", now);
}
}  // namespace silian::deliberation
