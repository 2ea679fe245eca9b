#pragma once
// Two lists, work admission control and the burden catalogue (C1).
#include "silian/platform/module.hpp"

namespace silian::lists {
Module lists_module();
}  // namespace silian::lists
