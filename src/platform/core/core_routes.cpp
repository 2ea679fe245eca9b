#include "silian/platform/core/core_routes.hpp"

#include "silian/platform/core/route_groups.hpp"

namespace silian::core {
void register_core_routes(http::Router& router) {
  register_sign_in_routes(router);
  register_shell_routes(router);
  register_ops_routes(router);
  register_record_routes(router);
  register_password_routes(router);
}
}  // namespace silian::core
