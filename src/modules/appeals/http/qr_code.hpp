#pragma once
#include <optional>
#include <string>

namespace silian::appeals {
// An SVG QR code (libqrencode, error correction M) for `text`; nullopt if it does not fit.
std::optional<std::string> qr_svg(const std::string& text);
}  // namespace silian::appeals
