#pragma once
// Markdown (CommonMark, via cmark-gfm) to HTML for documents residents write: council rules
// now, conventions later (C5). Raw HTML and dangerous links are never passed through.
#include <string>

namespace silian::views {
std::string markdown_to_html(const std::string& text);
}  // namespace silian::views
