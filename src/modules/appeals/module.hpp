#pragma once
#include "silian/platform/module.hpp"

namespace silian::appeals {
Module appeals_module();
}
