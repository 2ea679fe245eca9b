#include "silian/platform/i18n/script_converter.hpp"

#include <opencc/opencc.h>
#include <mutex>
#include <stdexcept>

namespace silian::i18n {
namespace {
class Converter {
 public:
  explicit Converter(const char* config) : handle_(opencc_open(config)) {
    if (handle_ == reinterpret_cast<opencc_t>(-1))
      throw std::runtime_error(std::string("OpenCC configuration not found: ") + config);
  }
  ~Converter() { opencc_close(handle_); }
  std::string convert(std::string_view text) {
    if (text.empty()) return {};
    std::lock_guard lock(mutex_);  // an OpenCC handle is not documented as thread-safe
    char* out = opencc_convert_utf8(handle_, text.data(), text.size());
    if (out == nullptr) return std::string(text);
    std::string result(out);
    opencc_convert_utf8_free(out);
    return result;
  }

 private:
  opencc_t handle_;
  std::mutex mutex_;
};

Converter& s2t() {
  static Converter c("s2t.json");
  return c;
}
Converter& t2s() {
  static Converter c("t2s.json");
  return c;
}
}  // namespace

std::string to_simplified(std::string_view text) { return t2s().convert(text); }
std::string to_traditional(std::string_view text) { return s2t().convert(text); }

std::string to_reader_script(std::string_view text, std::string_view reader_lang) {
  if (reader_lang == "zh-Hant") return to_traditional(text);
  if (reader_lang == "zh-Hans") return to_simplified(text);
  return std::string(text);
}
}  // namespace silian::i18n
