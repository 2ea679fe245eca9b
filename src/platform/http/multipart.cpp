#include "silian/platform/http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace silian::http {
namespace {
constexpr std::size_t k_max_parts = 100;  // no form of ours has more fields
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of `key="..."` (or key=token) inside a Content-Disposition header.
std::string disposition_param(std::string_view header, std::string_view key) {
  std::string low = lower(header);
  std::string needle = std::string(key) + "=";
  std::size_t pos = 0;
  while ((pos = low.find(needle, pos)) != std::string::npos) {
    // Must start a parameter: "name=" must not match inside "filename=".
    if (pos > 0 && low[pos - 1] != ';' && low[pos - 1] != ' ') {
      pos += needle.size();
      continue;
    }
    auto start = pos + needle.size();
    if (start < header.size() && header[start] == '"') {
      auto end = header.find('"', start + 1);
      if (end == std::string_view::npos) return {};
      return std::string(header.substr(start + 1, end - start - 1));
    }
    auto end = header.find(';', start);
    return std::string(header.substr(start, end == std::string_view::npos ? end : end - start));
  }
  return {};
}
}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  if (!lower(content_type).starts_with("multipart/form-data")) return {};
  auto low = lower(content_type);
  auto pos = low.find("boundary=");
  if (pos == std::string::npos) return {};
  auto value = content_type.substr(pos + 9);
  if (!value.empty() && value.front() == '"') {
    auto end = value.find('"', 1);
    return end == std::string_view::npos ? std::string() : std::string(value.substr(1, end - 1));
  }
  auto end = value.find(';');
  std::string b(value.substr(0, end));
  while (!b.empty() && (b.back() == ' ' || b.back() == '\t')) b.pop_back();
  return b.size() > 200 ? std::string() : b;
}

std::optional<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + std::string(boundary);
  std::vector<Part> parts;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += delimiter.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (parts.size() >= k_max_parts) return std::nullopt;
    // RFC 2046 allows transport padding (spaces, tabs) after a boundary.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    Part part;
    auto headers = body.substr(pos, headers_end - pos);
    std::size_t line_start = 0;
    while (line_start <= headers.size()) {
      auto line_end = headers.find("\r\n", line_start);
      auto line =
          headers.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                        : line_end - line_start);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        auto key = lower(line.substr(0, colon));
        auto value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (key == "content-disposition") {
          part.name = disposition_param(value, "name");
          part.filename = disposition_param(value, "filename");
        } else if (key == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    auto data_start = headers_end + 4;
    auto next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.data = std::string(body.substr(data_start, next - data_start));
    if (part.name.empty()) return std::nullopt;
    parts.push_back(std::move(part));
    pos = next + 2 + delimiter.size();
  }
}
}  // namespace silian::http
