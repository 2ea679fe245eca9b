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
namespace {
std::string percent_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}
}  // namespace

std::string DbUrl::libpq_keywords() const {
  // postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
  std::string_view rest(target);
  rest.remove_prefix(rest.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  std::string out;
  auto add = [&out](const std::string& key, const std::string& value) {
    if (!value.empty()) out += (out.empty() ? "" : " ") + key + "=" + quoted(value);
  };
  std::string_view authority = rest;
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    dbname = percent_decode(rest.substr(slash + 1));
  }
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    auto userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    add("user", percent_decode(userinfo.substr(0, colon)));
    if (colon != std::string_view::npos)
      add("password", percent_decode(userinfo.substr(colon + 1)));
  }
  std::string host(authority), port;
  if (!host.empty() && host.front() == '[') {  // [::1]:5432
    auto close = host.find(']');
    port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  add("host", percent_decode(host));
  add("port", port);
  add("dbname", dbname);
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    auto pair = query.substr(start, end - start);
    if (auto eq = pair.find('='); eq != std::string::npos)
      add(percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1)));
    start = end + 1;
  }
  return out;
}
}  // namespace silian::db
