// A signed-in user changes their own password. Other sessions of the account end, so a
// password changed after a leak locks the other holder out.
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/session_store.hpp"
#include "silian/platform/core/route_groups.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/http/context.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/platform.hpp"

namespace silian::core {
namespace {
using http::RequestContext;
using http::Response;

struct FieldError {
  std::string field, key;
};

Response form(RequestContext& ctx, const std::vector<FieldError>& errors, int status) {
  views::Value data;
  views::Value by_field;
  auto summary = views::Value::list();
  for (const auto& e : errors) {
    by_field.set(e.field, ctx.t(e.key));
    summary.push(views::Value{{"field", e.field}, {"message", ctx.t(e.key)}});
  }
  data.set("errors", by_field);
  data.set("error_summary", summary);
  data.set("has_errors", !errors.empty());
  return ctx.page("src/platform/views/password.mustache", "password_title", data, status);
}

Response change(RequestContext& ctx) {
  auto& p = ctx.platform;
  std::string current = ctx.form("current"), next = ctx.form("password"),
              confirm = ctx.form("confirm");
  auto lease = p.db->lease();
  auto account = auth::find_account(lease, ctx.user().account_id);
  std::vector<FieldError> errors;
  if (!account || !crypto::verify_password(current, account->password_hash))
    errors.push_back({"current", "error_current_password"});
  if (next.size() < 8)
    errors.push_back({"password", "error_password_short"});
  else if (next.size() > 128)
    errors.push_back({"password", "error_too_long"});
  if (next != confirm) errors.push_back({"confirm", "error_password_mismatch"});
  if (!errors.empty()) return form(ctx, errors, 422);
  auto now = p.clock.now();
  auto cookies = http::parse_cookies(ctx.request.header("cookie"));
  db::Transaction tx(lease);
  auth::set_password_hash(lease, account->id, crypto::hash_password(next, p.config.password_cost));
  auth::end_other_sessions(lease, account->id, cookies["sid"]);
  audit::append(
      lease, {account->id, "platform.account.password", "account", std::to_string(account->id), ""},
      now);
  tx.commit();
  return ctx.redirect("/", "notice_password_changed");
}
}  // namespace

void register_password_routes(http::Router& router) {
  router.get("/me/password", auth::k_authenticated,
             [](RequestContext& ctx) { return form(ctx, {}, 200); });
  router.post("/me/password", auth::k_authenticated, change);
}
}  // namespace silian::core
