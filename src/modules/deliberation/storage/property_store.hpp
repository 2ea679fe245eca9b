#pragma once
// The property register of a community: exclusive parts, their holders and areas.
#include <cstdint>
#include <vector>

#include "silian/modules/deliberation/domain/voting.hpp"
#include "silian/platform/db/database.hpp"

namespace silian::deliberation {
struct RegisteredPart {
  ExclusivePart part;
  std::int64_t account_id = 0;  // the holder's platform account, if known
};
std::vector<RegisteredPart> register_of(db::Lease& lease, std::int64_t community_id);
// Replaces the community's register with these parts (inside the caller's transaction).
void replace_register(db::Lease& lease, std::int64_t community_id,
                      const std::vector<RegisteredPart>& parts);
// Whether an owners' vote is open in the community (the register must not change then).
bool owners_vote_open(db::Lease& lease, std::int64_t community_id);
}  // namespace silian::deliberation
