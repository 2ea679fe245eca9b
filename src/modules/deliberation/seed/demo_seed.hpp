#pragma once
#include "silian/platform/db/database.hpp"

namespace silian {
struct Platform;
}

namespace silian::deliberation {
// The first community's council and supervisory committee with members, and topics from
// each source: an appeal, a residents' proposal collecting signatures, the council.
void seed_demo(Platform& p, db::Lease& lease);
}  // namespace silian::deliberation
