#include "silian/platform/platform.hpp"

#include "silian/platform/core/core_module.hpp"
#include "silian/platform/db/migrations.hpp"

namespace silian {
Platform::Platform(Config cfg, Clock& clk, std::vector<Module> capability_modules)
    : config(std::move(cfg)),
      clock(clk),
      db(std::make_unique<db::Database>(
          [&] {
            auto url = db::DbUrl::parse(config.db_url);
            if (!url) throw std::invalid_argument(url.error());
            return *url;
          }(),
          config.threads)),
      vault(crypto::Vault::from_key_file(config.secret_file)),
      page_cache(config.page_cache_bytes) {
  modules.push_back(core::core_module());
  for (auto& m : capability_modules) modules.push_back(std::move(m));
  for (const auto& m : modules) {
    for (const auto& p : m.permissions) permissions.declare(p);
    for (const auto& [kind, handler] : m.jobs) jobs.add(kind, handler);
    if (m.routes) m.routes(router);
  }
}

int Platform::migrate() {
  std::vector<db::MigrationSet> sets;
  for (const auto& m : modules)
    if (!m.migrations.empty()) sets.push_back({m.name, m.migrations});
  return db::migrate(*db, sets);
}

std::vector<std::string> Platform::tables() const {
  std::vector<std::string> out;
  for (const auto& m : modules) out.insert(out.end(), m.tables.begin(), m.tables.end());
  return out;
}
}  // namespace silian
