#pragma once
// Votes (表决): opened on a topic of a noticed agenda once the meeting has started, under
// a stored voting rule, with an electorate frozen at the opening; one ballot per voter
// (a council member, or a household), online or written, changeable until the close;
// at the close the tally is computed by the rule and published, and a passing vote
// records the decision (决议) — one matter, one deliberation, one decision.
#include <cstdint>
#include <string>

#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/vote_store.hpp"

namespace silian::deliberation {
struct VoteDraft {
  std::int64_t meeting_id = 0, topic_id = 0;
  std::string rule_code, electorate, question;
  std::int64_t closes_at = 0;
};
// Result::topic_id carries the vote's id.
Result open_vote(db::Lease& lease, const auth::Principal& who, const VoteDraft& d,
                 std::int64_t now);
// The voter's own ballot, online.
Result cast(db::Lease& lease, const auth::Principal& who, std::int64_t vote_id,
            const std::string& choice, std::int64_t now);
// A written ballot the convener records for a voter: a council member's id, or a
// household's address in the community.
Result record_written(db::Lease& lease, const auth::Principal& who, std::int64_t vote_id,
                      const std::string& voter, const std::string& choice, std::int64_t now);
// Closes at or after the announced close (or early once every voter has voted), applies
// the rule and publishes the tally; `present_without_ballot` counts those present who did
// not vote (they still count as present).
Result close_vote(db::Lease& lease, const auth::Principal& who, std::int64_t vote_id,
                  std::int64_t present_without_ballot, const std::string& decision_text,
                  std::int64_t now);

// The voter key this user votes under in this vote, if eligible ("member:12",
// "household:34"); empty otherwise.
std::string voter_key_of(db::Lease& lease, const auth::Principal& who, const Vote& v);

inline constexpr std::int64_t k_longest_vote = 14 * 86400;
inline constexpr std::size_t k_decision_max = 4000;  // characters
}  // namespace silian::deliberation
