#pragma once
// Residents invite a named official to meet on a matter (约请); the official accepts with a
// time and place or declines with a reason; either side records what came of it. Leaders
// schedule visits down to communities (下访) and record their outcome. Accepted meetings
// and visits are on the public calendar.
#include <cstdint>
#include <string>
#include <vector>

#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/visit_store.hpp"

namespace silian::deliberation {
// Officials residents may invite: district leaders, street officers, department officers
// and community directors, by account.
struct Official {
  std::int64_t account_id = 0;
  std::string name, role;
};
std::vector<Official> officials(db::Lease& lease);

// Result::topic_id carries the request's or visit's id.
Result invite_official(db::Lease& lease, const auth::Principal& who, std::int64_t official_id,
                       const std::string& on_behalf_of, const std::string& subject,
                       const std::string& body, std::int64_t now);
// answer: "accepted" (meet_at in the future and a place) or "declined" (a reason).
Result answer_official_request(db::Lease& lease, const auth::Principal& who,
                               std::int64_t request_id, const std::string& answer,
                               std::int64_t meet_at, const std::string& place,
                               const std::string& note, std::int64_t now);
// After the meeting: the official or the requester records what came of it.
Result record_meeting_outcome(db::Lease& lease, const auth::Principal& who, std::int64_t request_id,
                              const std::string& outcome, std::int64_t now);

Result schedule_visit(db::Lease& lease, const auth::Principal& who, std::int64_t community_id,
                      std::int64_t starts_at, std::int64_t ends_at, const std::string& place,
                      const std::string& purpose, std::int64_t now);
Result record_visit(db::Lease& lease, const auth::Principal& who, std::int64_t visit_id,
                    const std::string& outcome, std::int64_t now);
}  // namespace silian::deliberation
