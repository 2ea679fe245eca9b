#pragma once
// The services every module's code receives: configuration, clock, database, the
// registries filled from module manifests, the vault and metrics.
#include <memory>
#include <vector>

#include "silian/platform/auth/permissions.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/config.hpp"
#include "silian/platform/crypto/vault.hpp"
#include "silian/platform/db/database.hpp"
#include "silian/platform/http/page_cache.hpp"
#include "silian/platform/http/router.hpp"
#include "silian/platform/jobs/job_queue.hpp"
#include "silian/platform/module.hpp"
#include "silian/platform/ops/metrics.hpp"

namespace silian {
struct Platform {
  Platform(Config config, Clock& clock, std::vector<Module> modules);

  Config config;
  Clock& clock;
  std::unique_ptr<db::Database> db;
  crypto::Vault vault;
  std::vector<Module> modules;  // the platform's own core module first
  auth::PermissionRegistry permissions;
  jobs::JobRegistry jobs;
  http::Router router;
  ops::Metrics metrics;
  http::PageCache page_cache;

  int migrate();
  // Backup order: every module's tables, in module order.
  std::vector<std::string> tables() const;
};
}  // namespace silian
