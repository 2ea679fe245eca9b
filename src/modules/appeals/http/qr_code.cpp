#include "silian/modules/appeals/http/qr_code.hpp"

#include <qrencode.h>

#include <memory>

namespace silian::appeals {
std::optional<std::string> qr_svg(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return std::nullopt;
  const int margin = 4, size = code->width + 2 * margin;
  std::string path;
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x)
      if (code->data[y * code->width + x] & 1)
        path += "M" + std::to_string(x + margin) + "," + std::to_string(y + margin) + "h1v1h-1z";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" width=\"" + std::to_string(size * 8) + "\" height=\"" +
         std::to_string(size * 8) + "\" role=\"img\"><rect width=\"100%\" height=\"100%\" " +
         "fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
}
}  // namespace silian::appeals
