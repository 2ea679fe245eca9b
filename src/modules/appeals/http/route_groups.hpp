#pragma once
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/router.hpp"

namespace silian::appeals {
void register_resident_routes(http::Router& router);
void register_staff_routes(http::Router& router);
void register_admin_routes(http::Router& router);
void register_kpi_routes(http::Router& router);
void register_open311_routes(http::Router& router);

// The intake form, shared by residents (web, QR) and staff entering on a resident's behalf.
http::Response intake_form(http::RequestContext& ctx, bool staff, int status,
                           const std::vector<std::string>& errors);
http::Response intake_submit(http::RequestContext& ctx, bool staff);
}  // namespace silian::appeals
