#include "silian/platform/i18n/script_converter.hpp"

#include <opencc/opencc.h>
#include <algorithm>
#include <map>
#include <stdexcept>

namespace silian::i18n {
namespace {
// One OpenCC handle per thread: a handle is not documented as thread-safe, and a shared
// one behind a mutex made every page of every worker wait for each other.
class Converter {
 public:
  explicit Converter(const char* config) : handle_(opencc_open(config)) {
    if (handle_ == reinterpret_cast<opencc_t>(-1))
      throw std::runtime_error(std::string("OpenCC configuration not found: ") + config);
  }
  ~Converter() { opencc_close(handle_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  std::string convert(std::string_view text) {
    if (text.empty()) return {};
    // Latin text has nothing to convert.
    if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; }))
      return std::string(text);
    // Names of units and categories repeat on every page, and the descriptions of the
    // appeals being worked on on many: remember what was converted, within a budget per
    // thread and direction (emptied when it is spent).
    const bool cacheable = text.size() <= k_max_cached_text;
    if (cacheable) {
      if (auto it = cache_.find(text); it != cache_.end()) return it->second;
      if (cached_bytes_ + 2 * text.size() + k_entry_overhead > k_cache_budget) {
        cache_.clear();
        cached_bytes_ = 0;
      }
    }
    char* out = opencc_convert_utf8(handle_, text.data(), text.size());
    if (out == nullptr) return std::string(text);
    std::string result(out);
    opencc_convert_utf8_free(out);
    if (cacheable) {
      cached_bytes_ += text.size() + result.size() + k_entry_overhead;
      cache_.emplace(std::string(text), result);
    }
    return result;
  }

 private:
  static constexpr std::size_t k_max_cached_text = 2048;
  static constexpr std::size_t k_cache_budget = 512 * 1024;
  static constexpr std::size_t k_entry_overhead = 128;  // the map node and two strings
  opencc_t handle_;
  std::map<std::string, std::string, std::less<>> cache_;
  std::size_t cached_bytes_ = 0;
};

Converter& s2t() {
  thread_local Converter c("s2t.json");
  return c;
}
Converter& t2s() {
  thread_local Converter c("t2s.json");
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
