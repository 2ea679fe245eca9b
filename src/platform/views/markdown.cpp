#include "silian/platform/views/markdown.hpp"

#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace silian::views {
std::string markdown_to_html(const std::string& text) {
  // The default options are safe: raw HTML becomes a comment and javascript:, vbscript:,
  // file: and most data: links are dropped (CMARK_OPT_UNSAFE would keep them).
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(text.data(), text.size(), CMARK_OPT_DEFAULT), &std::free);
  return html ? std::string(html.get()) : std::string();
}
}  // namespace silian::views
