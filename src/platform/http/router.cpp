#include "silian/platform/http/router.hpp"

#include <stdexcept>

namespace silian::http {
namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool match_pattern(const std::string& pattern, const std::string& path,
                   std::map<std::string, std::string>& params) {
  auto ps = split_path(pattern);
  auto xs = split_path(path);
  if (ps.size() != xs.size()) return false;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto& p = ps[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (xs[i].empty()) return false;
      params[p.substr(1, p.size() - 2)] = xs[i];
    } else if (p != xs[i]) {
      return false;
    }
  }
  return true;
}
}  // namespace

void Router::add(Route route) {
  if (route.permission.empty())
    throw std::logic_error("route " + route.method + " " + route.pattern + " has no permission");
  for (const auto& r : routes_)
    if (r.method == route.method && r.pattern == route.pattern)
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
  routes_.push_back(std::move(route));
}

void Router::get(const std::string& pattern, const std::string& permission, Handler handler) {
  add(Route{"GET", pattern, permission, std::move(handler)});
}

void Router::get_shared(const std::string& pattern, const std::string& permission,
                        Handler handler) {
  Route route{"GET", pattern, permission, std::move(handler)};
  route.shared_page = true;
  add(std::move(route));
}

void Router::post(const std::string& pattern, const std::string& permission, Handler handler) {
  add(Route{"POST", pattern, permission, std::move(handler)});
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  std::string wanted = method == "HEAD" ? "GET" : method;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, path, params)) continue;
    if (r.method != wanted) {
      m.path_exists = true;
      continue;
    }
    m.route = &r;
    m.params = std::move(params);
    return m;
  }
  return m;
}
}  // namespace silian::http
