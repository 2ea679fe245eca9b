#pragma once
#include <string>

#include "silian/platform/http/context.hpp"
#include "silian/platform/http/router.hpp"

namespace silian::lists {
void register_list_routes(http::Router& router);    // reading, versions, diff, drafting
void register_task_routes(http::Router& router);    // filing, admission, approval
void register_burden_routes(http::Router& router);  // catalogue, dashboard, reports
}  // namespace silian::lists
