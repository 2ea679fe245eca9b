#pragma once
// Route table. Every route names the permission it needs; there is no default.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/http/request.hpp"

namespace silian::http {
class RequestContext;
using Handler = std::function<Response(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;     // "/admin/units/{id}"
  std::string permission;  // declared in a module manifest, or public/authenticated
  Handler handler;
  bool csrf_exempt = false;  // only for API routes authenticated by key, never for forms
  // The page depends only on the path and query, the language and text size, the
  // viewer's role assignments and the data: it may come from the page cache (ADR 0012).
  bool shared_page = false;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_exists = false;  // some route has this path with another method
};

class Router {
 public:
  void add(Route route);  // throws when method+pattern is registered twice
  void get(const std::string& pattern, const std::string& permission, Handler handler);
  void post(const std::string& pattern, const std::string& permission, Handler handler);
  // A GET whose page viewers with the same roles share (see Route::shared_page).
  void get_shared(const std::string& pattern, const std::string& permission, Handler handler);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};
}  // namespace silian::http
