#pragma once
// Residents' invitations of officials (约请) and leaders' visits (下访).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::deliberation {
// status: "pending", "accepted", "declined".
struct OfficialRequest {
  std::int64_t id = 0, community_id = 0, requester_id = 0, official_id = 0;
  std::string community_name, requester_name, official_name, on_behalf_of;
  std::string subject, body, status, place, reply_note, outcome;
  std::int64_t meet_at = 0, replied_at = 0, outcome_at = 0, created_at = 0;
};
std::int64_t insert_request(db::Lease& lease, const OfficialRequest& r);
std::optional<OfficialRequest> find_request(db::Lease& lease, std::int64_t id);
// Requests made by or addressed to the account, newest first.
std::vector<OfficialRequest> requests_of(db::Lease& lease, std::int64_t account_id);
std::vector<OfficialRequest> accepted_requests_between(db::Lease& lease, std::int64_t from,
                                                       std::int64_t until);
void answer_request(db::Lease& lease, std::int64_t id, const std::string& status,
                    std::int64_t meet_at, const std::string& place, const std::string& note,
                    std::int64_t now);
void record_request_outcome(db::Lease& lease, std::int64_t id, const std::string& outcome,
                            std::int64_t now);

struct Visit {
  std::int64_t id = 0, leader_id = 0, community_id = 0;
  std::string leader_name, community_name, place, purpose, outcome;
  std::int64_t starts_at = 0, ends_at = 0, outcome_at = 0, created_at = 0;
};
std::int64_t insert_visit(db::Lease& lease, const Visit& v);
std::optional<Visit> find_visit(db::Lease& lease, std::int64_t id);
std::vector<Visit> visits_between(db::Lease& lease, std::int64_t from, std::int64_t until);
void record_visit_outcome(db::Lease& lease, std::int64_t id, const std::string& outcome,
                          std::int64_t now);
}  // namespace silian::deliberation
