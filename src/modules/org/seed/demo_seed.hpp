#pragma once
#include "silian/platform/db/database.hpp"

namespace silian {
struct Platform;
}

namespace silian::org {
// The demo district, modelled on the seed article (崇安区, Wuxi): two streets, six
// communities with grids, the usual departments, organisations, a few thousand residents
// in households, and one demo account per role (password in README).
inline constexpr const char* k_demo_password = "Silian-demo-2026";
void seed_demo(Platform& platform, db::Lease& lease);
}  // namespace silian::org
