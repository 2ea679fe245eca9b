#pragma once
namespace silian {
struct Platform;
}

namespace silian::core {
// Runs every module's demo seed in one transaction. Idempotent: returns false (and
// changes nothing) when the demo is already loaded.
bool load_demo(Platform& platform);
}  // namespace silian::core
