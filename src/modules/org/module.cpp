#include "silian/modules/org/module.hpp"

#include "silian/modules/org/http/route_groups.hpp"
#include "silian/modules/org/seed/demo_seed.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::org {
namespace {
std::vector<Counter> stats(Platform& p, const auth::Principal& who) {
  std::vector<Counter> out;
  auto lease = p.db->lease();
  std::int64_t waiting = 0;
  bool verifier = false;
  for (const auto& r : who.roles)
    if (r.role == "community_worker" || r.role == "community_director") {
      verifier = true;
      waiting += count_pending_in(lease, r.unit_path);
    }
  if (verifier)
    out.push_back({"counter_pending_registrations", waiting, "/community/registrations", true});
  if (who.has_role("district_admin")) {
    long long units = 0, accounts = 0;
    lease.session() << "SELECT COUNT(*) FROM org_units", soci::into(units);
    lease.session() << "SELECT COUNT(*) FROM accounts", soci::into(accounts);
    out.push_back({"counter_units", units, "/admin/units", false});
    out.push_back({"counter_accounts", accounts, "/admin/accounts", false});
  }
  return out;
}

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

ExportFile units_csv(Platform& p, const auth::Principal&) {
  auto lease = p.db->lease();
  // A BOM so that spreadsheet programs read the Chinese names as UTF-8.
  std::string body =
      "\xEF\xBB\xBF"
      "id,parent_id,kind,code,name,address,active\r\n";
  for (const auto& u : all_units(lease))
    body += std::to_string(u.id) + "," + (u.parent_id ? std::to_string(u.parent_id) : "") + "," +
            u.kind + "," + csv_field(u.code) + "," + csv_field(u.name) + "," +
            csv_field(u.address) + "," + (u.active ? "1" : "0") + "\r\n";
  return {"org-units.csv", "text/csv; charset=utf-8", body};
}
}  // namespace

Module org_module() {
  Module m;
  m.name = "org";
  m.migrations = "src/modules/org/migrations/";
  m.tables = {"households", "residents"};
  m.permissions = {
      {"org.units.manage", {"district_admin"}},
      {"org.accounts.manage", {"district_admin"}},
      {"org.residents.verify", {"community_worker", "community_director"}},
      {"org.residents.read",
       {"community_worker", "community_director", "grid_worker", "street_officer",
        "district_admin"}},
      {"org.export", {"district_admin", "auditor", "leader"}},
  };
  m.routes = [](http::Router& r) {
    register_registration_routes(r);
    register_unit_routes(r);
    register_account_routes(r);
    register_verification_routes(r);
  };
  m.nav = {{"nav_my_household", "/my/household", "authenticated"},
           {"nav_registrations", "/community/registrations", "org.residents.verify"},
           {"nav_households", "/community/households", "org.residents.read"},
           {"nav_units", "/admin/units", "org.units.manage"},
           {"nav_accounts", "/admin/accounts", "org.accounts.manage"}};
  m.stats = stats;
  m.exports = {{"units", "export_units_csv", "org.export", units_csv}};
  m.seed = seed_demo;
  return m;
}
}  // namespace silian::org
