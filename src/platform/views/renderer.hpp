#pragma once
// Renders embedded mustache templates. {{x}} is HTML-escaped; {{{x}}} is used only for
// markup the platform itself produced (the page body inside the layout).
#include <string>
#include <string_view>

#include "silian/platform/views/value.hpp"

namespace silian::views {
std::string render(std::string_view template_path, const Value& data);
}  // namespace silian::views
