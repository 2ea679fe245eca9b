#include <spdlog/spdlog.h>

#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/session_store.hpp"
#include "silian/platform/core/route_groups.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/i18n/catalog.hpp"
#include "silian/platform/platform.hpp"

namespace silian::core {
namespace {
using http::RequestContext;
using http::Response;

std::string safe_next(const std::string& next) {
  return http::is_local_path(next) && next != "/login" ? next : "";
}

Response login_form(RequestContext& ctx, const std::string& username, const std::string& error,
                    int status) {
  views::Value data{
      {"username", username},
      {"next", safe_next(ctx.query("next").empty() ? ctx.form("next") : ctx.query("next"))}};
  if (!error.empty()) data.set("error", ctx.t(error));
  return ctx.page("src/platform/views/login.mustache", "login_title", data, status);
}

Response login(RequestContext& ctx) {
  auto& p = ctx.platform;
  std::string username = ctx.form("username");
  std::string password = ctx.form("password");
  if (username.empty() || password.empty())
    return login_form(ctx, username, "login_error_missing", 422);
  if (username.size() > 64 || password.size() > 1024)
    return login_form(ctx, "", "login_error_invalid", 401);
  auto now = p.clock.now();
  const std::string account_key = "acct:" + username;
  const std::string address_key = "ip:" + ctx.client_ip;
  const std::string pair_key = "acct-ip:" + username + "|" + ctx.client_ip;
  auto lease = p.db->lease();
  if (auth::login_throttled(lease, pair_key, now) ||
      auth::login_throttled(lease, address_key, now, auth::k_max_failures_per_address) ||
      auth::login_throttled(lease, account_key, now, auth::k_max_failures_per_account)) {
    return login_form(ctx, username, "login_error_throttled", 429);
  }
  auto account = auth::find_account_by_username(lease, username);
  // Always spend one password check, so that timing reveals neither which usernames
  // exist nor which accounts are disabled.
  static const std::string dummy = crypto::hash_password("silian-dummy", p.config.password_cost);
  bool password_ok = crypto::verify_password(password, account ? account->password_hash : dummy);
  bool ok = account && password_ok && account->status == "active";
  if (!ok) {
    db::Transaction tx(lease);
    for (const auto& key : {pair_key, address_key, account_key})
      auth::record_login_failure(lease, key, now);
    tx.commit();
    spdlog::warn("request_id={} event=login_failed", ctx.request_id);
    return login_form(ctx, username, "login_error_invalid", 401);
  }
  db::Transaction tx(lease);
  auth::clear_login_failures(lease, pair_key);
  std::string token = auth::create_session(lease, account->id, now);
  audit::append(lease,
                {account->id, "platform.session.login", "account", std::to_string(account->id), ""},
                now);
  tx.commit();
  ctx.set_cookies.push_back(http::set_cookie_value(
      "sid", token, {true, p.config.secure_cookies, auth::k_session_lifetime}));
  // A fresh CSRF token for the signed-in browser.
  ctx.set_cookies.push_back(
      http::set_cookie_value("csrf", crypto::random_token(), {true, p.config.secure_cookies, -1}));
  auto principal = auth::load_principal(lease, *account);
  std::string next = safe_next(ctx.form("next"));
  if (next.empty()) next = principal.is_staff() ? "/workbench" : "/";
  return ctx.redirect(next, "notice_logged_in");
}

Response logout(RequestContext& ctx) {
  auto cookies = http::parse_cookies(ctx.request.header("cookie"));
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  if (auto it = cookies.find("sid"); it != cookies.end()) auth::destroy_session(lease, it->second);
  audit::append(lease,
                {ctx.user().account_id, "platform.session.logout", "account",
                 std::to_string(ctx.user().account_id), ""},
                ctx.platform.clock.now());
  tx.commit();
  ctx.set_cookies.push_back(
      http::set_cookie_value("sid", "", {true, ctx.platform.config.secure_cookies, 0}));
  return ctx.redirect("/", "notice_logged_out");
}

// Language and elderly-friendly mode: remembered in long-lived cookies, so that they
// hold on every node and before sign-in.
Response preferences(RequestContext& ctx) {
  constexpr long k_year = 365L * 24 * 3600;
  std::string lang = ctx.query("lang");
  std::string large = ctx.query("large");
  if (!lang.empty()) {
    if (!i18n::is_language(lang)) return ctx.error(400, "error_bad_language");
    ctx.set_cookies.push_back(
        http::set_cookie_value("lang", lang, {true, ctx.platform.config.secure_cookies, k_year}));
  }
  if (!large.empty()) {
    if (large != "0" && large != "1") return ctx.error(400, "error_bad_request");
    ctx.set_cookies.push_back(
        http::set_cookie_value("large", large, {true, ctx.platform.config.secure_cookies, k_year}));
  }
  std::string back = ctx.query("back");
  return ctx.redirect(http::is_local_path(back) ? back : "/");
}
}  // namespace

void register_sign_in_routes(http::Router& router) {
  router.get("/login", auth::k_public,
             [](RequestContext& ctx) { return login_form(ctx, "", "", 200); });
  router.post("/login", auth::k_public, login);
  router.post("/logout", auth::k_authenticated, logout);
  router.get("/prefs", auth::k_public, preferences);
}
}  // namespace silian::core
