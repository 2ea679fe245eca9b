#pragma once
// Small helpers the deliberation services share.
#include <cstddef>
#include <string>

#include "silian/modules/deliberation/service/topics.hpp"

namespace silian::deliberation::detail {
inline Result refuse(int status, const std::string& key) { return {0, status, key}; }

// Unicode characters in valid UTF-8 text (what a reader counts, not bytes).
inline std::size_t characters(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

inline bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}
}  // namespace silian::deliberation::detail
