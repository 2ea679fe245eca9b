#pragma once
#include "silian/platform/http/router.hpp"

namespace silian::core {
void register_sign_in_routes(http::Router& router);  // login, logout, preferences
void register_shell_routes(http::Router& router);    // portal, workbench, inbox, audit, exports
void register_ops_routes(http::Router& router);
void register_record_routes(http::Router& router);    // the public record and its JSON copy
void register_password_routes(http::Router& router);  // change one's own password      // healthz,
                                                      // metrics, static, API basics
}  // namespace silian::core
