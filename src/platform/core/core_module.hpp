#pragma once
// The platform's own manifest: sign-in, preferences, portal and workbench shells,
// inbox, audit view, exports, health and metrics, static files.
#include "silian/platform/module.hpp"

namespace silian::core {
Module core_module();
}  // namespace silian::core
