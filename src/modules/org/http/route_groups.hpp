#pragma once
#include "silian/platform/http/router.hpp"

namespace silian::org {
void register_registration_routes(http::Router& router);  // residents sign up
void register_unit_routes(http::Router& router);          // the organisation tree
void register_account_routes(http::Router& router);       // accounts and roles
void register_verification_routes(http::Router& router);  // households, verification
}  // namespace silian::org
