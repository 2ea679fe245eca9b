#include "silian/platform/http/request.hpp"

namespace silian::http {
std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

Response Response::redirect(const std::string& location, int status) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Location", location);
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

std::string Response::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

std::string set_cookie_value(const std::string& name, const std::string& value,
                             const CookieOptions& o) {
  std::string out = name + "=" + value + "; Path=/; SameSite=Lax";
  if (o.http_only) out += "; HttpOnly";
  if (o.secure) out += "; Secure";
  if (o.max_age >= 0) out += "; Max-Age=" + std::to_string(o.max_age);
  return out;
}
}  // namespace silian::http
