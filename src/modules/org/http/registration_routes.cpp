// Resident self-registration and the resident's view of their household status.
#include "silian/modules/org/http/form_view.hpp"
#include "silian/modules/org/http/route_groups.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::org {
namespace {
using http::RequestContext;
using http::Response;

views::Value community_options(RequestContext& ctx, db::Lease& lease, const std::string& selected) {
  auto list = views::Value::list();
  for (const auto& u : units_of_kind(lease, "community"))
    if (u.active)
      list.push(views::Value{
          {"code", u.code}, {"name", ctx.script(u.name)}, {"selected", u.code == selected}});
  return list;
}

Response form(RequestContext& ctx, const RegistrationCommand& c, const FieldErrors& errors,
              int status) {
  auto lease = ctx.platform.db->lease();
  views::Value data{{"username", c.username},
                    {"display_name", c.display_name},
                    {"phone", c.phone},
                    {"address", c.address},
                    {"communities", community_options(ctx, lease, c.community_code)}};
  add_errors(data, errors, ctx);
  return ctx.page("src/modules/org/views/register.mustache", "register_title", data, status);
}

Response submit(RequestContext& ctx) {
  RegistrationCommand c{ctx.form("username"), ctx.form("display_name"), ctx.form("password"),
                        ctx.form("phone"),    ctx.form("community"),    ctx.form("address")};
  auto errors = validate_registration(c);
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto community = find_unit_by_code(lease, c.community_code);
  if (!c.community_code.empty() &&
      (!community || community->kind != "community" || !community->active))
    errors.push_back({"community", "error_unknown_community"});
  if (errors.empty() && auth::find_account_by_username(lease, c.username))
    errors.push_back({"username", "error_username_taken"});
  if (!errors.empty()) return form(ctx, c, errors, 422);

  auto now = p.clock.now();
  std::string hash = crypto::hash_password(c.password, p.config.password_cost);
  db::Transaction tx(lease);
  std::int64_t account_id = 0;
  try {
    account_id = auth::insert_account(lease, {0, c.username, c.display_name, hash, "active", now});
  } catch (const soci::soci_error& e) {
    if (!db::is_unique_violation(e)) throw;
    return form(ctx, c, {{"username", "error_username_taken"}}, 422);
  }
  Resident r;
  r.community_id = community->id;
  r.account_id = account_id;
  r.name = c.display_name;
  r.phone_sealed = p.vault.seal(c.phone);
  r.status = "pending";
  r.stated_address = c.address;
  auto resident_id = insert_resident(lease, r, p.vault.blind_index(c.phone), now);
  audit::append(lease,
                {account_id, "org.resident.register", "resident", std::to_string(resident_id),
                 "community=" + community->code},
                now);
  tx.commit();
  return ctx.redirect("/login", "notice_registered");
}

Response my_household(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto r = resident_of_account(lease, ctx.user().account_id);
  views::Value data;
  if (r) {
    data.set("resident", views::Value{{"community", ctx.script(r->community_name)},
                                      {"address", ctx.script(r->stated_address)},
                                      {"status", ctx.t("resident_status_" + r->status)},
                                      {"pending", r->status == "pending"},
                                      {"verified", r->status == "verified"}});
    if (r->household_id != 0)
      if (auto h = find_household(lease, r->household_id))
        data.set("household", ctx.script(h->address));
  }
  return ctx.page("src/modules/org/views/my_household.mustache", "my_household_title", data);
}
}  // namespace

void register_registration_routes(http::Router& router) {
  router.get("/register", auth::k_public,
             [](RequestContext& ctx) { return form(ctx, {}, {}, 200); });
  router.post("/register", auth::k_public, submit);
  router.get("/my/household", auth::k_authenticated, my_household);
}
}  // namespace silian::org
