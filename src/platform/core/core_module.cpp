#include "silian/platform/core/core_module.hpp"

#include "silian/platform/core/core_routes.hpp"
#include "silian/platform/notify/inbox.hpp"

namespace silian::core {
Module core_module() {
  Module m;
  m.name = "platform";
  m.migrations = "src/platform/migrations/";
  m.tables = {"org_units",         "accounts",      "role_assignments", "sessions",
              "login_failures",    "audit_entries", "audit_head",       "jobs",
              "notifications",     "settings",      "uploads",          "public_record",
              "public_record_head"};
  m.permissions = {
      {"platform.audit.read", {"auditor", "district_admin"}},
      {"platform.ops.read", {"district_admin", "auditor"}},
  };
  m.routes = register_core_routes;
  m.jobs = {
      {notify::k_deliver_job, [](jobs::JobContext& ctx) { notify::log_sender(ctx.payload); }}};
  m.nav = {{"nav_workbench", "/workbench", "authenticated"},
           {"nav_inbox", "/inbox", "authenticated"},
           {"nav_password", "/me/password", "authenticated"},
           {"nav_audit", "/audit", "platform.audit.read"}};
  return m;
}
}  // namespace silian::core
