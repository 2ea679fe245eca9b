#include <nlohmann/json.hpp>

#include "silian/platform/assets.hpp"
#include "silian/platform/core/route_groups.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/platform.hpp"

namespace silian::core {
namespace {
using http::RequestContext;
using http::Response;

Response healthz(RequestContext& ctx) {
  try {
    auto lease = ctx.platform.db->lease();
    int one = 0;
    lease.session() << "SELECT 1", soci::into(one);
    std::string engine = ctx.platform.db->engine() == db::Engine::sqlite ? "sqlite" : "postgresql";
    return ctx.json(200, "{\"status\":\"ok\",\"engine\":\"" + engine + "\"}");
  } catch (const std::exception&) {
    return ctx.json(503, "{\"status\":\"unavailable\"}");
  }
}

// Prometheus scrapes from the host itself; anyone else must be an operator.
Response metrics(RequestContext& ctx) {
  bool local = ctx.client_ip == "127.0.0.1" || ctx.client_ip == "::1";
  if (!local &&
      !(ctx.principal && ctx.platform.permissions.allows("platform.ops.read", &*ctx.principal)))
    return ctx.error(403, "error_forbidden");
  const auto& cache = ctx.platform.page_cache;
  auto text = ctx.platform.metrics.render(ctx.platform.db->in_use(), ctx.platform.db->pool_size());
  text +=
      "# HELP silian_page_cache_hits_total Shared pages served from the page cache.\n"
      "# TYPE silian_page_cache_hits_total counter\n"
      "silian_page_cache_hits_total " +
      std::to_string(cache.hits()) +
      "\n# HELP silian_page_cache_misses_total Shared pages rendered (not in the cache).\n"
      "# TYPE silian_page_cache_misses_total counter\n"
      "silian_page_cache_misses_total " +
      std::to_string(cache.misses()) + "\n";
  return Response::text(200, std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

std::string content_type_for(const std::string& file) {
  if (file.ends_with(".css")) return "text/css; charset=utf-8";
  if (file.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (file.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

Response static_file(RequestContext& ctx) {
  const std::string& file = ctx.params["file"];
  const auto& all = assets::all();
  auto it = all.find("web/static/" + file);
  if (file.find("..") != std::string::npos || it == all.end())
    return ctx.error(404, "error_not_found");
  auto r = Response::text(200, std::string(it->second), content_type_for(file));
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

Response openapi(RequestContext& ctx) {
  return ctx.json(200, R"({"openapi":"3.0.3","info":{"title":"Silian API","version":"1"},
"paths":{
"/healthz":{"get":{"summary":"Health check","responses":{"200":{"description":"Serving"}}}},
"/api/v1/me":{"get":{"summary":"The signed-in account and its scoped roles","responses":{"200":{"description":"Account"},"401":{"description":"Not signed in"}}}}
}})");
}

Response api_me(RequestContext& ctx) {
  const auto& u = ctx.user();
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : u.roles) roles.push_back({{"role", r.role}, {"unit_id", r.unit_id}});
  nlohmann::json me{{"id", u.account_id},
                    {"username", u.username},
                    {"display_name", u.display_name},
                    {"roles", roles}};
  return ctx.json(200, me.dump());
}
}  // namespace

void register_ops_routes(http::Router& router) {
  router.get("/healthz", auth::k_public, healthz);
  router.get("/metrics", auth::k_public, metrics);  // narrowed in the handler (see above)
  router.get("/static/{file}", auth::k_public, static_file);
  router.get("/api/v1/openapi.json", auth::k_public, openapi);
  router.get("/api/v1/me", auth::k_authenticated, api_me);
}
}  // namespace silian::core
