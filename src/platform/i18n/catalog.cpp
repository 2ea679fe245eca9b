#include "silian/platform/i18n/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "silian/platform/assets.hpp"

namespace silian::i18n {
const std::vector<std::string>& languages() {
  static const std::vector<std::string> langs{"zh-Hans", "zh-Hant", "en"};
  return langs;
}

bool is_language(std::string_view lang) {
  const auto& l = languages();
  return std::find(l.begin(), l.end(), lang) != l.end();
}

Catalog::Catalog() {
  for (const auto& lang : languages()) {
    auto json = nlohmann::json::parse(assets::get("web/i18n/" + lang + ".json"));
    auto& table = by_lang_[lang];
    for (auto& [key, value] : json.items()) table[key] = value.get<std::string>();
  }
}

const Catalog& Catalog::instance() {
  static const Catalog catalog;
  return catalog;
}

const std::map<std::string, std::string>& Catalog::all(std::string_view lang) const {
  auto it = by_lang_.find(lang);
  return it == by_lang_.end() ? by_lang_.find(std::string_view(k_default_lang))->second
                              : it->second;
}

std::string Catalog::text(std::string_view lang, std::string_view key) const {
  const auto& table = all(lang);
  auto it = table.find(std::string(key));
  if (it != table.end()) return it->second;
  const auto& fallback = all(k_default_lang);
  auto fb = fallback.find(std::string(key));
  return fb != fallback.end() ? fb->second : std::string(key);
}

std::string Catalog::format(std::string_view lang, std::string_view key,
                            const std::map<std::string, std::string>& params) const {
  std::string out = text(lang, key);
  for (const auto& [name, value] : params) {
    std::string token = "{" + name + "}";
    for (auto pos = out.find(token); pos != std::string::npos;
         pos = out.find(token, pos + value.size()))
      out.replace(pos, token.size(), value);
  }
  return out;
}

std::string negotiate(std::string_view header) {
  // Walk the ranges in order of quality; the first we support wins.
  struct Range {
    std::string tag;
    double q;
    std::size_t order;
  };
  std::vector<Range> ranges;
  std::size_t start = 0, order = 0;
  while (start <= header.size()) {
    auto end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string part(header.substr(start, end - start));
    start = end + 1;
    double q = 1.0;
    if (auto semi = part.find(';'); semi != std::string::npos) {
      auto qpos = part.find("q=", semi);
      if (qpos != std::string::npos) q = std::atof(part.c_str() + qpos + 2);
      part.resize(semi);
    }
    part.erase(
        std::remove_if(part.begin(), part.end(), [](unsigned char c) { return std::isspace(c); }),
        part.end());
    std::transform(part.begin(), part.end(), part.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!part.empty()) ranges.push_back({part, q, order++});
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const Range& a, const Range& b) { return a.q > b.q; });
  for (const auto& r : ranges) {
    if (r.q <= 0) continue;
    const auto& t = r.tag;
    if (t == "zh-hant" || t.starts_with("zh-hant-") || t == "zh-tw" || t == "zh-hk" || t == "zh-mo")
      return "zh-Hant";
    if (t.starts_with("zh")) return "zh-Hans";
    if (t.starts_with("en")) return "en";
  }
  return k_default_lang;
}
}  // namespace silian::i18n
