#pragma once
#include <string>

#include "silian/platform/http/context.hpp"
#include "silian/platform/http/router.hpp"

namespace silian::lists {
void register_list_routes(http::Router& router);    // reading, versions, diff, drafting
void register_task_routes(http::Router& router);    // filing, admission, approval
void register_burden_routes(http::Router& router);  // catalogue, dashboard, reports

// Parses a decimal id form field; nullopt for anything else.
std::optional<std::int64_t> id_field(const std::string& text);
}  // namespace silian::lists
