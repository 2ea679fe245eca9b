#pragma once
// Deliberation storage: councils and their members, voting rules, topics with their
// co-signing households and timeline. Only this layer writes SQL for deliberation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/modules/deliberation/domain/voting.hpp"
#include "silian/platform/db/database.hpp"

namespace silian::deliberation {
// kind: "consultation" (协商议事委员会) or "supervisory" (社区事务监督委员会).
struct Council {
  std::int64_t id = 0, community_id = 0;
  std::string community_name, community_path;
  std::string kind, name, rules, term_start, term_end;
  std::int64_t proposal_threshold = 0;  // households a residents' proposal needs
  std::int64_t updated_at = 0;
  std::int64_t notice_days = 3;  // a meeting's notice is published at least this early
};
std::vector<Council> councils_in(db::Lease& lease, std::int64_t community_id);
std::optional<Council> find_council(db::Lease& lease, std::int64_t id);
std::optional<Council> council_of(db::Lease& lease, std::int64_t community_id,
                                  const std::string& kind);
std::int64_t insert_council(db::Lease& lease, const Council& c);
void update_council(db::Lease& lease, const Council& c);

struct Member {
  std::int64_t id = 0, council_id = 0, account_id = 0;
  std::string name, position, sector, term_start, term_end;
};
std::vector<Member> members_of(db::Lease& lease, std::int64_t council_id);
std::int64_t insert_member(db::Lease& lease, const Member& m, std::int64_t now);
bool remove_member(db::Lease& lease, std::int64_t council_id, std::int64_t member_id);

std::vector<VotingRule> voting_rules(db::Lease& lease);
std::optional<VotingRule> find_voting_rule(db::Lease& lease, const std::string& code);
void put_voting_rule(db::Lease& lease, const VotingRule& rule, bool builtin);

// source: "appeal", "proposal" (residents' proposal), "council" or "street".
// status: "collecting" (a proposal gathering co-signatures), "accepted" (on the council's
// list), then the meeting and vote statuses that later stages add.
struct Topic {
  std::int64_t id = 0, community_id = 0;
  std::string community_name, community_path;
  std::string title, body, source, status;
  std::int64_t appeal_id = 0;
  std::int64_t proposer_id = 0, proposer_unit_id = 0;
  std::string proposer_name;
  std::int64_t cosign_threshold = 0, cosign_count = 0;
  std::int64_t created_at = 0, updated_at = 0;
};
std::int64_t insert_topic(db::Lease& lease, Topic& t);
std::optional<Topic> find_topic(db::Lease& lease, std::int64_t id);
// The same, locking the topic's row until the transaction ends (PostgreSQL; SQLite's
// write transactions are already exclusive).
std::optional<Topic> find_topic_for_update(db::Lease& lease, std::int64_t id);
std::optional<Topic> topic_of_appeal(db::Lease& lease, std::int64_t appeal_id);
void set_topic_status(db::Lease& lease, std::int64_t id, const std::string& status,
                      std::int64_t now);
struct TopicFilter {
  std::int64_t community_id = 0;
  std::string status;  // empty: any
  std::string source;  // empty: any
};
std::vector<Topic> topics(db::Lease& lease, const TopicFilter& f, int limit, int offset);

// Adds the household's co-signature; false when the household already signed.
bool add_cosignature(db::Lease& lease, std::int64_t topic_id, std::int64_t household_id,
                     std::int64_t account_id, std::int64_t now);
bool household_signed(db::Lease& lease, std::int64_t topic_id, std::int64_t household_id);

struct Representative {
  std::int64_t resident_id = 0;
  std::string name, group_name;
};
std::vector<Representative> representatives(db::Lease& lease, std::int64_t community_id);
// False when the resident already represents a group of the community.
bool add_representative(db::Lease& lease, std::int64_t community_id, std::int64_t resident_id,
                        const std::string& group_name);
bool remove_representative(db::Lease& lease, std::int64_t community_id, std::int64_t resident_id);
// Serialises changes to one community's councils, register and owners' votes (a row
// lock on PostgreSQL; SQLite's write transactions are already exclusive).
void lock_community(db::Lease& lease, std::int64_t community_id);

struct TopicEvent {
  std::int64_t id = 0, topic_id = 0, at = 0, actor_id = 0;
  std::string kind, detail, actor_name;
};
void add_topic_event(db::Lease& lease, const TopicEvent& e);
std::vector<TopicEvent> topic_events(db::Lease& lease, std::int64_t topic_id);
}  // namespace silian::deliberation
