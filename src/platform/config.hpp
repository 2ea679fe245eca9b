#pragma once
// Runtime configuration: command-line flags first, then environment variables
// (SILIAN_DB, SILIAN_SECRET_FILE, SILIAN_SECURE_COOKIES, SILIAN_TICK_SECONDS,
// SILIAN_PASSWORD_COST, SILIAN_TRUSTED_PROXIES).
#include <string>
#include <vector>

#include "silian/platform/crypto/crypto.hpp"

namespace silian {
struct Config {
  std::string db_url = "sqlite:silian-data/silian.db";
  std::string listen_host = "127.0.0.1";
  unsigned short listen_port = 8080;
  // The vault key; every node of one site must share it (like the database).
  std::string secret_file = "silian-data/secret.key";
  std::size_t threads = 8;
  bool secure_cookies = false;  // set when served behind TLS
  int tick_seconds = 5;         // how often the server runs due jobs
  std::string node_name = "node";
  // Load balancers whose X-Forwarded-For is believed (SILIAN_TRUSTED_PROXIES, comma-separated).
  std::vector<std::string> trusted_proxies;
  crypto::PasswordCost password_cost = crypto::PasswordCost::interactive;
  // Memory for shared rendered pages (SILIAN_PAGE_CACHE_MB; 0 turns the cache off).
  std::size_t page_cache_bytes = std::size_t{32} << 20;

  void apply_environment();
};
}  // namespace silian
