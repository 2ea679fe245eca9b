#include "silian/platform/db/db_url.hpp"

namespace silian::db {
std::expected<DbUrl, std::string> DbUrl::parse(std::string_view text) {
  if (text.starts_with("sqlite:")) {
    std::string path(text.substr(7));
    if (path.empty())
      return std::unexpected("sqlite URL needs a file path, e.g. sqlite:data/silian.db");
    return DbUrl{Engine::sqlite, path};
  }
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    return DbUrl{Engine::postgresql, std::string(text)};
  }
  return std::unexpected("unsupported database URL '" + std::string(text) +
                         "': use sqlite:PATH or postgresql://USER@HOST:PORT/DB");
}

std::string DbUrl::describe() const {
  if (engine == Engine::sqlite) return "sqlite:" + target;
  // Strip credentials: postgresql://user:secret@host/db -> postgresql://user@host/db
  std::string out = target;
  auto scheme_end = out.find("://");
  auto at = out.find('@');
  if (scheme_end != std::string::npos && at != std::string::npos) {
    auto colon = out.find(':', scheme_end + 3);
    if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
  }
  return out;
}
}  // namespace silian::db
