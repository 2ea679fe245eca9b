#include "silian/platform/assets.hpp"

#include <stdexcept>
#include <string>

namespace silian::assets {
std::string_view get(std::string_view path) {
  const auto& table = all();
  auto it = table.find(path);
  if (it == table.end()) throw std::out_of_range("missing embedded asset: " + std::string(path));
  return it->second;
}
}  // namespace silian::assets
