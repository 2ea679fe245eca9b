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
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) == 0)
    node_name = std::string(host) + ":" + std::to_string(getpid());
}
}  // namespace silian
