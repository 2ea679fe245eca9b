// Community workers confirm the household of residents who registered online, and
// browse the households of their community.
#include "silian/modules/org/http/form_view.hpp"
#include "silian/modules/org/http/route_groups.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/crypto/vault.hpp"
#include "silian/platform/http/url.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/platform.hpp"

namespace silian::org {
namespace {
using http::RequestContext;
using http::Response;
const std::vector<std::string> k_verifiers = {"community_worker", "community_director"};
const std::vector<std::string> k_readers = {"community_worker", "community_director", "grid_worker",
                                            "street_officer", "district_admin"};

Response pending(RequestContext& ctx, const std::string& error_key, int status) {
  auto lease = ctx.platform.db->lease();
  auto rows = views::Value::list();
  std::vector<std::string> scopes;
  for (const auto& r : ctx.user().roles)
    if (std::find(k_verifiers.begin(), k_verifiers.end(), r.role) != k_verifiers.end())
      scopes.push_back(r.unit_path);
  for (const auto& scope : scopes)
    for (const auto& r : pending_in(lease, scope)) {
      auto existing = find_household_at(lease, r.community_id, r.stated_address);
      rows.push(views::Value{
          {"id", r.id},
          {"name", ctx.script(r.name)},
          {"phone", crypto::mask_phone(ctx.platform.vault.open(r.phone_sealed).value_or(""))},
          {"community", ctx.script(r.community_name)},
          {"address", r.stated_address},
          {"existing", existing.has_value()},
          {"when", format_local_minutes(r.created_at)}});
    }
  views::Value data{{"rows", rows}, {"empty", rows.as_list().empty()}};
  if (!error_key.empty()) data.set("error", ctx.t(error_key));
  return ctx.page("src/modules/org/views/registrations.mustache", "registrations_title", data,
                  status);
}

// Loads the resident and checks that the worker's scope covers its community.
std::optional<Resident> resident_in_scope(RequestContext& ctx, db::Lease& lease) {
  auto id = ctx.id_param("id");
  if (!id) return std::nullopt;
  auto r = find_resident(lease, *id);
  if (!r || !ctx.user().covers(r->community_path, k_verifiers)) return std::nullopt;
  return r;
}

Response verify(RequestContext& ctx) {
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto r = resident_in_scope(ctx, lease);
  if (!r) return ctx.error(404, "error_not_found");
  std::string address = ctx.form("address");
  if (address.empty() || utf8_length(address) > 120)
    return pending(ctx, "error_address_required", 422);
  auto now = p.clock.now();
  db::Transaction tx(lease);
  auto household = find_household_at(lease, r->community_id, address);
  std::int64_t household_id =
      household ? household->id : insert_household(lease, {0, r->community_id, 0, address, 0}, now);
  if (!decide_resident(lease, r->id, "verified", household_id, "", ctx.user().account_id, now))
    return pending(ctx, "error_already_decided", 409);
  if (r->account_id != 0) {
    auth::assign_role(lease, r->account_id, "resident", r->community_id, ctx.user().account_id,
                      now);
    notify::send(lease, r->account_id, "notify_resident_verified", {{"address", address}},
                 "/my/household", now);
  }
  audit::append(lease,
                {ctx.user().account_id, "org.resident.verify", "resident", std::to_string(r->id),
                 "household=" + std::to_string(household_id) + " role=resident"},
                now);
  tx.commit();
  return ctx.redirect("/community/registrations", "notice_verified");
}

Response reject(RequestContext& ctx) {
  auto& p = ctx.platform;
  auto lease = p.db->lease();
  auto r = resident_in_scope(ctx, lease);
  if (!r) return ctx.error(404, "error_not_found");
  std::string reason = ctx.form("reason");
  if (reason.empty() || utf8_length(reason) > 200)
    return pending(ctx, "error_reason_required", 422);
  auto now = p.clock.now();
  db::Transaction tx(lease);
  if (!decide_resident(lease, r->id, "rejected", 0, reason, ctx.user().account_id, now))
    return pending(ctx, "error_already_decided", 409);
  if (r->account_id != 0)
    notify::send(lease, r->account_id, "notify_resident_rejected", {{"reason", reason}},
                 "/my/household", now);
  audit::append(
      lease, {ctx.user().account_id, "org.resident.reject", "resident", std::to_string(r->id), ""},
      now);
  tx.commit();
  return ctx.redirect("/community/registrations", "notice_rejected");
}

Response households(RequestContext& ctx) {
  auto scopes = scope_paths(ctx.user(), k_readers);
  if (scopes.empty()) return ctx.error(403, "error_forbidden");
  auto lease = ctx.platform.db->lease();
  std::string q = ctx.query("q");
  int page = ctx.page_number();
  constexpr int k_per_page = 25;
  auto result = households_in(lease, scopes, q, page, k_per_page);
  auto rows = views::Value::list();
  for (const auto& h : result.rows)
    rows.push(views::Value{{"id", h.id},
                           {"address", ctx.script(h.address)},
                           {"members", static_cast<long long>(h.members)}});
  long long pages = std::max<long long>(1, (result.total + k_per_page - 1) / k_per_page);
  views::Value data{{"rows", rows},
                    {"q", q},
                    {"q_url", http::url_encode(q)},
                    {"total", static_cast<long long>(result.total)},
                    {"page", page},
                    {"pages", pages},
                    {"has_prev", page > 1},
                    {"has_next", page < pages},
                    {"prev", page - 1},
                    {"next", page + 1}};
  return ctx.page("src/modules/org/views/households.mustache", "households_title", data);
}
}  // namespace

void register_verification_routes(http::Router& router) {
  router.get("/community/registrations", "org.residents.verify",
             [](RequestContext& ctx) { return pending(ctx, "", 200); });
  router.post("/community/registrations/{id}/verify", "org.residents.verify", verify);
  router.post("/community/registrations/{id}/reject", "org.residents.verify", reject);
  router.get("/community/households", "org.residents.read", households);
}
}  // namespace silian::org
