#include "silian/platform/config.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdlib>

namespace silian {
void Config::apply_environment() {
  if (const char* v = std::getenv("SILIAN_DB")) db_url = v;
  if (const char* v = std::getenv("SILIAN_SECRET_FILE")) secret_file = v;
  if (const char* v = std::getenv("SILIAN_SECURE_COOKIES")) secure_cookies = std::string(v) == "1";
  if (const char* v = std::getenv("SILIAN_TICK_SECONDS")) tick_seconds = std::max(1, std::atoi(v));
  if (const char* v = std::getenv("SILIAN_PASSWORD_COST"))
    if (std::string(v) == "minimal") password_cost = crypto::PasswordCost::minimal;
  if (const char* v = std::getenv("SILIAN_PAGE_CACHE_MB"))
    page_cache_bytes = static_cast<std::size_t>(std::max(0, std::atoi(v))) << 20;
  if (const char* v = std::getenv("SILIAN_TRUSTED_PROXIES")) {
    std::string list(v);
    std::size_t start = 0;
    while (start <= list.size()) {
      auto end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      auto item = list.substr(start, end - start);
      if (!item.empty()) trusted_proxies.push_back(item);
      start = end + 1;
    }
  }
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) == 0)
    node_name = std::string(host) + ":" + std::to_string(getpid());
}
}  // namespace silian
