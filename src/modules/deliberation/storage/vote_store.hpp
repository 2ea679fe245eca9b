#pragma once
// Votes storage: votes with their frozen electorate, ballots (one per voter key,
// replaced until the close), the tally and outcome, and decisions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/modules/deliberation/domain/voting.hpp"
#include "silian/platform/db/database.hpp"

namespace silian::deliberation {
// electorate: "council" (the council's members) or "households" (a residents' meeting of
// household representatives). status: "open" or "closed".
struct Vote {
  std::int64_t id = 0, topic_id = 0, meeting_id = 0;
  std::string topic_title, community_path;
  std::int64_t community_id = 0;
  std::string rule_code, electorate, question, status, reason;
  std::int64_t opened_at = 0, closes_at = 0, closed_at = 0, opened_by = 0;
  Electorate size;
  Tally tally;
  bool quorum_met = false, passed = false;
};
std::int64_t insert_vote(db::Lease& lease, Vote& v);
std::optional<Vote> find_vote(db::Lease& lease, std::int64_t id);
std::optional<Vote> find_vote_for_update(db::Lease& lease, std::int64_t id);
std::optional<Vote> vote_of_topic(db::Lease& lease, std::int64_t topic_id);
std::vector<Vote> votes_of_meeting(db::Lease& lease, std::int64_t meeting_id);
void store_result(db::Lease& lease, const Vote& v);

// The voters of a vote, fixed at its opening, with the area each ballot carries.
void insert_electors(db::Lease& lease, std::int64_t vote_id,
                     const std::vector<std::pair<std::string, std::int64_t>>& electors);
// The elector's area (0 for heads-only votes), or nothing when not an elector.
std::optional<std::int64_t> elector_area(db::Lease& lease, std::int64_t vote_id,
                                         const std::string& voter_key);

struct Ballot {
  std::string voter_key;  // "member:12" or "household:34"
  std::int64_t account_id = 0;
  std::string choice, channel;  // channel: "online" or "written"
  std::int64_t area = 0, cast_at = 0;
};
// Casts or replaces the voter's ballot.
void put_ballot(db::Lease& lease, std::int64_t vote_id, const Ballot& b);
std::optional<Ballot> ballot_of(db::Lease& lease, std::int64_t vote_id,
                                const std::string& voter_key);
std::vector<Ballot> ballots_of(db::Lease& lease, std::int64_t vote_id);

struct Decision {
  std::int64_t id = 0, topic_id = 0, vote_id = 0, decided_at = 0;
  std::string text;
};
std::int64_t insert_decision(db::Lease& lease, const Decision& d);
std::optional<Decision> decision_of_topic(db::Lease& lease, std::int64_t topic_id);
std::optional<Decision> find_decision(db::Lease& lease, std::int64_t id);
}  // namespace silian::deliberation
