#pragma once
// UI text catalogues: web/i18n/{zh-Hans,zh-Hant,en}.json, embedded. zh-Hans is the
// default and the fallback.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace silian::i18n {
inline constexpr const char* k_default_lang = "zh-Hans";
const std::vector<std::string>& languages();  // zh-Hans, zh-Hant, en
bool is_language(std::string_view lang);

class Catalog {
 public:
  static const Catalog& instance();
  // Missing keys fall back to zh-Hans, then to the key itself (and the catalogue test fails).
  std::string text(std::string_view lang, std::string_view key) const;
  // Replaces {name} placeholders.
  std::string format(std::string_view lang, std::string_view key,
                     const std::map<std::string, std::string>& params) const;
  const std::map<std::string, std::string>& all(std::string_view lang) const;

 private:
  Catalog();
  std::map<std::string, std::map<std::string, std::string>, std::less<>> by_lang_;
};

// Picks the best supported language from an Accept-Language header.
std::string negotiate(std::string_view accept_language);
}  // namespace silian::i18n
