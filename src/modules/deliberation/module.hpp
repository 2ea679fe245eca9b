#pragma once
#include "silian/platform/module.hpp"

namespace silian::deliberation {
Module deliberation_module();
}
