#pragma once
// The platform's own request and response types. RESTinio is adapted to these in one
// file (server.cpp), so modules and tests never include it.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace silian::http {
struct Request {
  std::string method;  // GET, POST, ...
  std::string path;    // decoded path without the query
  std::string query;   // raw query string
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string remote_ip;
  bool tls = false;

  std::string header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response redirect(const std::string& location, int status = 303);
  static Response text(int status, std::string body, std::string content_type);
  std::string header(const std::string& name) const;  // first value, case-sensitive name
};

struct CookieOptions {
  bool http_only = true;
  bool secure = false;
  long max_age = -1;  // -1: session cookie; 0: delete
};
std::string set_cookie_value(const std::string& name, const std::string& value,
                             const CookieOptions& options);
}  // namespace silian::http
