#pragma once
// Renders embedded mustache templates. {{x}} is HTML-escaped; {{{x}}} is used only for
// markup the platform itself produced (the page body inside the layout).
#include <string>
#include <string_view>

#include "silian/platform/views/value.hpp"

namespace silian::views {
std::string render(std::string_view template_path, const Value& data);
// The same, with every {{t.key}} of the template replaced by the `lang` catalogue's text
// once, when the template is first compiled for that language, instead of handing the
// whole catalogue to every render (which dominated the cost of a page).
std::string render(std::string_view template_path, const Value& data, std::string_view lang);
}  // namespace silian::views
