#pragma once
// Organisation and accounts administration: the tree, accounts and roles, households
// and residents, resident registration and verification.
#include "silian/platform/module.hpp"

namespace silian::org {
Module org_module();
}  // namespace silian::org
