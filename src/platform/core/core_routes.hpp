#pragma once
#include "silian/platform/http/router.hpp"

namespace silian::core {
void register_core_routes(http::Router& router);
}  // namespace silian::core
