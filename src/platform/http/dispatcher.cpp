#include "silian/platform/http/dispatcher.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <cctype>
#include <chrono>

#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/session_store.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/db/database.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/i18n/catalog.hpp"
#include "silian/platform/platform.hpp"

namespace silian::http {
namespace {
bool state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void resolve_language(RequestContext& ctx, const std::map<std::string, std::string>& cookies) {
  auto it = cookies.find("lang");
  if (it != cookies.end() && i18n::is_language(it->second)) {
    ctx.lang = it->second;
  } else {
    ctx.lang = i18n::negotiate(ctx.request.header("accept-language"));
  }
  auto large = cookies.find("large");
  ctx.large_text = large != cookies.end() && large->second == "1";
}

void load_principal(RequestContext& ctx, const std::map<std::string, std::string>& cookies) {
  auto it = cookies.find("sid");
  if (it == cookies.end()) return;
  auto lease = ctx.platform.db->lease();
  auto account_id = auth::session_account(lease, it->second, ctx.platform.clock.now());
  if (!account_id) return;
  auto account = auth::find_account(lease, *account_id);
  if (account) ctx.principal = auth::load_principal(lease, *account);
}

// Behind a trusted load balancer the client is the last address it appended.
std::string client_ip_of(const Request& r, const Config& config) {
  auto trusted =
      std::find(config.trusted_proxies.begin(), config.trusted_proxies.end(), r.remote_ip);
  std::string forwarded = r.header("x-forwarded-for");
  if (trusted == config.trusted_proxies.end() || forwarded.empty()) return r.remote_ip;
  auto comma = forwarded.rfind(',');
  std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
  last.erase(0, last.find_first_not_of(' '));
  return last.empty() || last.size() > 45 ? r.remote_ip : last;
}

bool safe_request_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

// Database errors from SOCI quote the statement's bound values (names, addresses,
// password hashes): log only the message before them.
std::string loggable(const std::exception& e) {
  std::string what = e.what();
  auto cut = what.find(" while ");
  if (dynamic_cast<const soci::soci_error*>(&e) != nullptr && cut != std::string::npos)
    what.resize(cut);
  if (what.size() > 300) what.resize(300);
  std::replace(what.begin(), what.end(), '\n', ' ');
  return what;
}

// Adds one field to a key, length first, so that no two different lists of fields can
// make the same key whatever they contain.
void add_field(std::string& key, std::string_view field) {
  key += std::to_string(field.size());
  key += ':';
  key += field;
}

// Everything a shared page may depend on besides the data and the clock (ADR 0012).
std::string shared_page_key(const RequestContext& ctx) {
  std::string key;
  add_field(key, ctx.request.path);
  add_field(key, ctx.request.query);
  add_field(key, ctx.lang);
  add_field(key, ctx.large_text ? "large" : "normal");
  if (!ctx.principal) {
    add_field(key, "anonymous");
    return key;
  }
  add_field(key, "signed-in");
  for (const auto& r : ctx.principal->roles) {
    add_field(key, r.role);
    add_field(key, std::to_string(r.unit_id));
    add_field(key, r.unit_path);
    add_field(key, r.unit_kind);
    add_field(key, r.unit_name);
  }
  return key;
}

// Restores the viewer's own CSRF token however the handler ends.
struct SharedRendering {
  RequestContext& ctx;
  std::string csrf_token;
  SharedRendering(RequestContext& c, const std::string& marker)
      : ctx(c), csrf_token(std::move(c.csrf_token)) {
    ctx.csrf_token = marker;
    ctx.rendering_shared_page = true;
  }
  ~SharedRendering() {
    ctx.csrf_token = std::move(csrf_token);
    ctx.rendering_shared_page = false;
  }
  SharedRendering(const SharedRendering&) = delete;
  SharedRendering& operator=(const SharedRendering&) = delete;
};

// A shared page from the page cache, or rendered once for everyone with the same key.
Response shared_page(RequestContext& ctx, const Route& route) {
  auto& cache = ctx.platform.page_cache;
  // Taken before the handler reads anything: whatever it reads is at least this new.
  auto generation = ctx.platform.db->change_generation();
  if (!generation) return route.handler(ctx);
  auto key = shared_page_key(ctx);
  auto now = ctx.platform.clock.now();
  auto name = ctx.principal ? ctx.script(ctx.principal->display_name) : std::string();
  Response response;
  if (auto page = cache.find(key, *generation, now)) {
    response.content_type = page->content_type;
    response.body = cache.personalise(page->body, ctx.csrf_token, name);
    return response;
  }
  auto cookies_before = ctx.set_cookies.size();
  {
    SharedRendering rendering(ctx, cache.csrf_marker());
    response = route.handler(ctx);
  }
  if (response.status == 200 && response.headers.empty() && !ctx.private_answer() &&
      ctx.set_cookies.size() == cookies_before)
    cache.store(key, *generation, {response.body, response.content_type, now});
  response.body = cache.personalise(response.body, ctx.csrf_token, name);
  return response;
}

bool has_notice(const std::map<std::string, std::string>& cookies) {
  auto it = cookies.find("notice");
  return it != cookies.end() && !it->second.empty();
}

Response finish(RequestContext& ctx, Response response) {
  for (auto& c : ctx.set_cookies) response.headers.emplace_back("Set-Cookie", std::move(c));
  response.headers.emplace_back("X-Request-Id", ctx.request_id);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  if (response.content_type.starts_with("text/html")) {
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'");
    response.headers.emplace_back("Cache-Control", "no-store");
  }
  return response;
}
}  // namespace

Response dispatch(Platform& platform, const Request& request) {
  auto started = std::chrono::steady_clock::now();
  RequestContext ctx(request, platform);
  ctx.request_id = request.header("x-request-id");
  if (!safe_request_id(ctx.request_id)) ctx.request_id = crypto::random_token(9);
  ctx.client_ip = client_ip_of(request, platform.config);
  auto cookies = parse_cookies(request.header("cookie"));
  resolve_language(ctx, cookies);

  // Forms carry the CSRF token that is also in a SameSite cookie (double submit).
  auto csrf_cookie = cookies.find("csrf");
  if (csrf_cookie != cookies.end() && csrf_cookie->second.size() >= 32 &&
      csrf_cookie->second.size() <= 64) {
    ctx.csrf_token = csrf_cookie->second;
  } else {
    ctx.csrf_token = crypto::random_token();
    ctx.set_cookies.push_back(
        set_cookie_value("csrf", ctx.csrf_token, {true, platform.config.secure_cookies, -1}));
  }

  Match match = platform.router.match(request.method, request.path);
  std::string route_label = match.route ? match.route->pattern : "unmatched";
  Response response;
  try {
    load_principal(ctx, cookies);
    if (!match.route) {
      response =
          match.path_exists ? ctx.error(405, "error_method") : ctx.error(404, "error_not_found");
    } else {
      ctx.params = match.params;
      const Route& route = *match.route;
      bool csrf_ok = true;
      if (state_changing(request.method) && !route.csrf_exempt) {
        std::string sent = ctx.form("_csrf");
        if (sent.empty()) sent = request.header("x-csrf-token");
        csrf_ok =
            csrf_cookie != cookies.end() && crypto::constant_time_equal(sent, csrf_cookie->second);
      }
      auto decision =
          platform.permissions.decide(route.permission, ctx.principal ? &*ctx.principal : nullptr);
      if (decision == auth::Decision::login_required) {
        response = ctx.wants_json() ? ctx.error(401, "error_login_required")
                                    : ctx.redirect("/login?next=" + url_encode(request.path));
      } else if (decision == auth::Decision::forbidden) {
        response = ctx.error(403, "error_forbidden");
      } else if (!csrf_ok) {
        response = ctx.error(403, "error_csrf");
      } else if (route.shared_page && request.method == "GET" && platform.page_cache.enabled() &&
                 !has_notice(cookies)) {
        response = shared_page(ctx, route);
      } else {
        response = route.handler(ctx);
      }
    }
  } catch (const db::PoolExhausted& e) {
    spdlog::error("request_id={} event=pool_exhausted route={}", ctx.request_id, route_label);
    ctx.set_cookies.clear();
    response = Response::text(503, "503 Service Unavailable\n", "text/plain; charset=utf-8");
    response.headers.emplace_back("Retry-After", "5");
  } catch (const std::exception& e) {
    spdlog::error("request_id={} event=handler_failed route={} error=\"{}\"", ctx.request_id,
                  route_label, loggable(e));
    ctx.set_cookies.clear();
    try {
      response = ctx.error(500, "error_internal");
    } catch (const std::exception&) {
      response = Response::text(500, "500 Internal Server Error\n", "text/plain; charset=utf-8");
    }
  }
  if (request.method == "HEAD") response.body.clear();
  response = finish(ctx, std::move(response));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  platform.metrics.observe(request.method, route_label, response.status, seconds);
  spdlog::info("request_id={} method={} route={} status={} ms={:.2f} account={}", ctx.request_id,
               request.method, route_label, response.status, seconds * 1000,
               ctx.principal ? ctx.principal->account_id : 0);
  return response;
}
}  // namespace silian::http
