#pragma once
// The capability modules this build of Silian registers, in order.
#include <vector>

#include "silian/platform/module.hpp"

namespace silian::app {
std::vector<Module> modules();
}  // namespace silian::app
