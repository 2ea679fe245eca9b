#include "silian/platform/core/demo.hpp"

#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/platform.hpp"

namespace silian::core {
bool load_demo(Platform& p) {
  auto lease = p.db->lease();
  db::Transaction tx(lease);
  int loaded = 0;
  lease.session() << "SELECT COUNT(*) FROM settings WHERE setting_key = 'demo_loaded'",
      soci::into(loaded);
  if (loaded > 0) return false;
  for (auto& m : p.modules)
    if (m.seed) m.seed(p, lease);
  auto now = p.clock.now();
  std::string at = std::to_string(now);
  lease.session() << "INSERT INTO settings (setting_key, setting_value) VALUES ('demo_loaded', :v)",
      soci::use(at);
  audit::append(lease, {0, "platform.demo.load", "settings", "demo_loaded", ""}, now);
  tx.commit();
  return true;
}
}  // namespace silian::core
