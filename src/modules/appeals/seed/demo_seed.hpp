#pragma once
#include "silian/platform/db/database.hpp"

namespace silian {
struct Platform;
}

namespace silian::appeals {
// Appeal categories mapped to the demo lists, the 2026 holiday calendar, two service
// points, and a month of appeals in every state of the loop (so the KPIs have figures).
void seed_demo(Platform& platform, db::Lease& lease);
}  // namespace silian::appeals
