#pragma once
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/router.hpp"
#include "silian/platform/http/url.hpp"

namespace silian::appeals {
void register_resident_routes(http::Router& router);
void register_staff_routes(http::Router& router);
void register_admin_routes(http::Router& router);
void register_kpi_routes(http::Router& router);
void register_open311_routes(http::Router& router);

// An optional coordinate (web form or Open311): empty is absent; anything else must be a
// finite number, else `bad` is set.
inline std::optional<double> coordinate(const std::string& text, bool& bad) {
  if (text.empty()) return std::nullopt;
  auto v = http::parse_decimal(text);
  bad = bad || !v;
  return v;
}

// The intake form, shared by residents (web, QR) and staff entering on a resident's behalf.
http::Response intake_form(http::RequestContext& ctx, bool staff, int status,
                           const std::vector<std::string>& errors);
http::Response intake_submit(http::RequestContext& ctx, bool staff);
}  // namespace silian::appeals
