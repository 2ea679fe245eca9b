#pragma once
// multipart/form-data bodies (forms with photos). Parts are views copied into strings;
// the server already caps the body size, so a body is parsed in one pass.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace silian::http {
struct Part {
  std::string name;
  std::string filename;  // empty for plain fields
  std::string content_type;
  std::string data;
};

// The boundary from a Content-Type header, or empty when it is not multipart/form-data.
std::string multipart_boundary(std::string_view content_type);
// nullopt when the body is malformed (no closing boundary, a part without headers).
std::optional<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary);
}  // namespace silian::http
