#pragma once
#include "silian/platform/db/database.hpp"

namespace silian {
struct Platform;
}

namespace silian::lists {
// Loads realistic lists (two published versions of the assistance list, so the diff has
// something to show) and the burden catalogue of the seed: 43 evaluations and 67 ledgers
// cancelled, 5 entries merged.
void seed_demo(Platform& platform, db::Lease& lease);
}  // namespace silian::lists
