#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace silian::http {
std::string url_decode(std::string_view in, bool plus_is_space = true);
std::string url_encode(std::string_view in);
// application/x-www-form-urlencoded or a query string; the last value of a name wins.
std::map<std::string, std::string> parse_urlencoded(std::string_view in);
std::map<std::string, std::string> parse_cookies(std::string_view header);
// A decimal record id (1 to 18 digits) from a path, query or form field; nullopt
// for anything else, so bad input never reaches std::stoll.
std::optional<std::int64_t> parse_id(std::string_view text);
// A finite decimal number such as "31.58" or "-120"; nullopt for anything else.
std::optional<double> parse_decimal(const std::string& text);
// A redirect target must be a local path ("/x"), never "//host" or "http://host".
bool is_local_path(std::string_view target);
}  // namespace silian::http
