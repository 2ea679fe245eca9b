#pragma once
// Files embedded into the binary at build time (templates, catalogues, static files,
// migrations), keyed by their path relative to the repository root.
#include <map>
#include <string_view>

namespace silian::assets {
const std::map<std::string_view, std::string_view>& all();
// Throws std::out_of_range naming the path when the asset does not exist.
std::string_view get(std::string_view path);
}  // namespace silian::assets
