#include "silian/modules/deliberation/service/votes.hpp"

#include <algorithm>

#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/deliberation/service/common.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/deliberation/storage/property_store.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/record/public_record.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
namespace {
using detail::blank;
using detail::characters;
using detail::refuse;

// The council's members on the day (their own term covers it).
std::vector<Member> current_members(db::Lease& lease, std::int64_t community_id, std::int64_t now) {
  std::vector<Member> out;
  auto council = council_of(lease, community_id, "consultation");
  if (!council) return out;
  auto today = appeals::local_date(now);
  for (auto& m : members_of(lease, council->id))
    if (m.term_start <= today && today <= m.term_end) out.push_back(m);
  return out;
}

void log(db::Lease& lease, const auth::Principal& who, const std::string& action, std::int64_t vote,
         const std::string& detail, std::int64_t now) {
  audit::append(lease, {who.account_id, action, "vote", std::to_string(vote), detail}, now);
}

std::optional<Choice> choice_of(const std::string& text) { return parse_choice(text); }

// The owners of the community's register, counted as the SPC interpretation says.
std::vector<Owner> owners_in(db::Lease& lease, std::int64_t community_id) {
  std::vector<ExclusivePart> parts;
  for (const auto& r : register_of(lease, community_id)) parts.push_back(r.part);
  return owners_of(parts);
}

}  // namespace

namespace {
std::vector<Member> members_of_council(db::Lease& lease, std::int64_t community_id) {
  auto council = council_of(lease, community_id, "consultation");
  return council ? members_of(lease, council->id) : std::vector<Member>{};
}

// The key this account would vote under, before checking the frozen electorate.
std::string candidate_key(db::Lease& lease, const auth::Principal& who, const Vote& v) {
  if (v.electorate == "owners") {
    // An owner whose register entry names this account (not the developer's parts).
    for (const auto& r : register_of(lease, v.community_id))
      if (r.account_id == who.account_id && !r.part.developer_held) return "owner:" + r.part.holder;
    return "";
  }
  if (v.electorate == "council") {
    for (const auto& m : members_of_council(lease, v.community_id))
      if (m.account_id == who.account_id) return "member:" + std::to_string(m.id);
    return "";
  }
  auto r = org::resident_of_account(lease, who.account_id);
  if (!r || r->status != "verified" || r->community_id != v.community_id) return "";
  if (v.electorate == "adults" || v.electorate == "representatives")
    return "resident:" + std::to_string(r->id);
  return r->household_id ? "household:" + std::to_string(r->household_id) : "";
}
}  // namespace

std::string voter_key_of(db::Lease& lease, const auth::Principal& who, const Vote& v) {
  auto key = candidate_key(lease, who, v);
  // Only the electorate frozen at the opening votes.
  if (key.empty() || !elector_area(lease, v.id, key)) return "";
  return key;
}

Result open_vote(db::Lease& lease, const auth::Principal& who, const VoteDraft& d,
                 std::int64_t now) {
  auto m = find_meeting(lease, d.meeting_id);
  if (!m || !may_convene(who, m->community_path)) return refuse(404, "error_not_found");
  if (m->status != "noticed") return refuse(409, "error_meeting_not_noticed");
  if (now < m->starts_at) return refuse(409, "error_meeting_not_started");
  // Only what the notice listed can be voted at this meeting.
  if (!on_noticed_agenda(lease, m->id, d.topic_id)) return refuse(409, "error_vote_not_on_agenda");
  // Locked: two conveners opening a vote on one topic at once make one vote.
  auto t = find_topic_for_update(lease, d.topic_id);
  if (!t || t->status != "scheduled") return refuse(409, "error_vote_topic_state");
  if (vote_of_topic(lease, t->id)) return refuse(409, "error_vote_exists");
  auto rule = find_voting_rule(lease, d.rule_code);
  if (!rule) return refuse(422, "error_vote_rule");
  if (d.electorate != "council" && d.electorate != "households" && d.electorate != "adults" &&
      d.electorate != "representatives" && d.electorate != "owners")
    return refuse(422, "error_vote_electorate");
  // Owners' rules count floor area, which only the owners' register has.
  if (rule->measure == Measure::heads_and_area && d.electorate != "owners")
    return refuse(422, "error_vote_rule_needs_register");
  if (blank(d.question) || !search::valid_utf8(d.question) || characters(d.question) > 500)
    return refuse(422, "error_vote_question");
  if (d.closes_at <= now || d.closes_at - now > k_longest_vote)
    return refuse(422, "error_vote_closes");
  // The electorate is frozen now: later members, households or register changes do not
  // change who votes in this vote.
  std::vector<std::pair<std::string, std::int64_t>> electors;
  if (d.electorate == "owners") {
    lock_community(lease, m->community_id);  // against a register import at the same time
    for (const auto& o : owners_in(lease, m->community_id))
      electors.emplace_back("owner:" + o.holder, o.area);
  } else if (d.electorate == "council") {
    for (const auto& member : current_members(lease, m->community_id, now))
      electors.emplace_back("member:" + std::to_string(member.id), 0);
  } else if (d.electorate == "adults") {
    for (auto id : org::adult_resident_ids(lease, m->community_id))
      electors.emplace_back("resident:" + std::to_string(id), 0);
  } else if (d.electorate == "representatives") {
    for (const auto& r : representatives(lease, m->community_id))
      electors.emplace_back("resident:" + std::to_string(r.resident_id), 0);
  } else {
    for (auto h : org::household_ids(lease, m->community_id))
      electors.emplace_back("household:" + std::to_string(h), 0);
  }
  Electorate size;
  size.heads = static_cast<std::int64_t>(electors.size());
  for (const auto& [key, area] : electors) size.area += area;
  if (size.heads == 0) return refuse(409, "error_vote_no_electorate");
  Vote v;
  v.topic_id = t->id;
  v.meeting_id = m->id;
  v.rule_code = rule->code;
  v.electorate = d.electorate;
  v.question = d.question;
  v.status = "open";
  v.opened_at = now;
  v.closes_at = d.closes_at;
  v.size = size;
  v.opened_by = who.account_id;
  insert_vote(lease, v);
  insert_electors(lease, v.id, electors);
  set_topic_status(lease, t->id, "voting", now);
  add_topic_event(lease, {0, t->id, now, who.account_id, "vote_opened", d.question, ""});
  log(lease, who, "deliberation.vote.open", v.id,
      "rule=" + v.rule_code + " electorate=" + v.electorate +
          " heads=" + std::to_string(size.heads),
      now);
  return {v.id, 200, ""};
}

Result cast(db::Lease& lease, const auth::Principal& who, std::int64_t vote_id,
            const std::string& choice, std::int64_t now) {
  auto v = find_vote_for_update(lease, vote_id);
  if (!v) return refuse(404, "error_not_found");
  if (v->status != "open" || now >= v->closes_at) return refuse(409, "error_vote_closed");
  auto key = voter_key_of(lease, who, *v);
  if (key.empty()) return refuse(409, "error_vote_not_eligible");
  auto c = choice_of(choice);
  if (!c) return refuse(422, "error_vote_choice");
  auto area = elector_area(lease, v->id, key).value_or(0);
  put_ballot(lease, v->id, {key, who.account_id, choice_name(*c), "online", area, now});
  // Who voted how stays out of the audit trail's detail; that a ballot was cast is in it.
  log(lease, who, "deliberation.vote.ballot", v->id, "channel=online", now);
  return {v->id, 200, ""};
}

Result record_written(db::Lease& lease, const auth::Principal& who, std::int64_t vote_id,
                      const std::string& voter, const std::string& choice, std::int64_t now) {
  auto v = find_vote_for_update(lease, vote_id);
  if (!v || !may_convene(who, v->community_path)) return refuse(404, "error_not_found");
  if (v->status != "open" || now >= v->closes_at) return refuse(409, "error_vote_closed");
  auto c = choice_of(choice);
  if (!c) return refuse(422, "error_vote_choice");
  std::string key;
  if (v->electorate == "council") {
    key = "member:" + voter;
  } else if (v->electorate == "owners") {
    // The holder as the register names them ("developer" for the developer's parts).
    key = "owner:" + voter;
  } else if (v->electorate == "adults" || v->electorate == "representatives") {
    key = "resident:" + voter;  // the resident's number in the community's register
  } else if (auto h = org::find_household_at(lease, v->community_id, voter)) {
    key = "household:" + std::to_string(h->id);
  }
  auto area = key.empty() ? std::nullopt : elector_area(lease, v->id, key);
  if (!area) return refuse(422, "error_vote_voter");
  // A voter's own online ballot is theirs: the convener does not overwrite it.
  if (auto existing = ballot_of(lease, v->id, key); existing && existing->channel == "online")
    return refuse(409, "error_vote_voted_online");
  put_ballot(lease, v->id, {key, who.account_id, choice_name(*c), "written", *area, now});
  log(lease, who, "deliberation.vote.ballot", v->id, "channel=written", now);
  return {v->id, 200, ""};
}

Result close_vote(db::Lease& lease, const auth::Principal& who, std::int64_t vote_id,
                  std::int64_t present_without_ballot, const std::string& decision_text,
                  std::int64_t now) {
  auto v = find_vote_for_update(lease, vote_id);
  if (!v || !may_convene(who, v->community_path)) return refuse(404, "error_not_found");
  if (v->status != "open") return refuse(409, "error_vote_closed");
  auto ballots = ballots_of(lease, v->id);
  bool everyone = static_cast<std::int64_t>(ballots.size()) >= v->size.heads;
  if (now < v->closes_at && !everyone) return refuse(409, "error_vote_still_open");
  // Owners take part by voting; there is no "present without a ballot" to count.
  if (present_without_ballot < 0 || (v->electorate == "owners" && present_without_ballot != 0) ||
      static_cast<std::int64_t>(ballots.size()) + present_without_ballot > v->size.heads)
    return refuse(422, "error_vote_present");
  auto rule = find_voting_rule(lease, v->rule_code);
  if (!rule) return refuse(409, "error_vote_rule");
  Tally t;
  for (const auto& b : ballots) {
    auto c = parse_choice(b.choice);
    if (c == Choice::yes) {
      ++t.yes_heads;
      t.yes_area += b.area;
    }
    if (c == Choice::no) {
      ++t.no_heads;
      t.no_area += b.area;
    }
    if (c == Choice::abstain) {
      ++t.abstain_heads;
      t.abstain_area += b.area;
    }
    t.present_area += b.area;
  }
  t.present_heads = static_cast<std::int64_t>(ballots.size()) + present_without_ballot;
  auto outcome = decide(*rule, t, v->size);
  if (outcome.passed && (blank(decision_text) || !search::valid_utf8(decision_text) ||
                         characters(decision_text) > k_decision_max))
    return refuse(422, "error_vote_decision_text");
  v->tally = t;
  v->quorum_met = outcome.quorum_met;
  v->passed = outcome.passed;
  v->reason = outcome.reason;
  v->status = "closed";
  v->closed_at = now;
  store_result(lease, *v);
  auto tally_text = "yes=" + std::to_string(t.yes_heads) + " no=" + std::to_string(t.no_heads) +
                    " abstain=" + std::to_string(t.abstain_heads) +
                    " present=" + std::to_string(t.present_heads) +
                    " electorate=" + std::to_string(v->size.heads);
  if (v->electorate == "owners")
    tally_text += " area_yes=" + format_area(t.yes_area) + " area_no=" + format_area(t.no_area) +
                  " area_abstain=" + format_area(t.abstain_area) +
                  " area_present=" + format_area(t.present_area) +
                  " area_total=" + format_area(v->size.area);
  // The tally, and the decision it produced, go on the public record.
  auto ref = "topic:" + std::to_string(v->topic_id);
  record::publish(lease, "deliberation.tally", ref, v->topic_title,
                  v->question + "\n" + "rule=" + v->rule_code + " " + tally_text +
                      " quorum=" + (outcome.quorum_met ? "yes" : "no") +
                      " passed=" + (outcome.passed ? "yes" : "no"),
                  now);
  if (outcome.passed) {
    insert_decision(lease, {0, v->topic_id, v->id, now, decision_text});
    set_topic_status(lease, v->topic_id, "decided", now);
    record::publish(lease, "deliberation.decision", ref, v->topic_title, decision_text, now);
  } else {
    set_topic_status(lease, v->topic_id, "rejected", now);
  }
  add_topic_event(lease, {0, v->topic_id, now, who.account_id,
                          outcome.passed ? "vote_passed" : "vote_failed", tally_text, ""});
  log(lease, who, "deliberation.vote.close", v->id, tally_text + " reason=" + outcome.reason, now);
  if (auto topic = find_topic(lease, v->topic_id); topic && topic->proposer_id)
    notify::send(lease, topic->proposer_id, "notify_vote_closed", {{"title", topic->title}},
                 "/deliberation/votes/" + std::to_string(v->id), now);
  return {v->id, 200, ""};
}
}  // namespace silian::deliberation
