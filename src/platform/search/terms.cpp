#include "silian/platform/search/terms.hpp"

#include <algorithm>
#include <set>

#include "silian/platform/i18n/script_converter.hpp"

namespace silian::search {
namespace {
enum class Kind { han, word, other };

// Decodes one UTF-8 code point; malformed bytes count as a separator.
char32_t next_code_point(std::string_view s, std::size_t& i, std::size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return c < 0x80 ? c : 0xFFFD;
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {  // malformed: one replacement character for the lead byte
      len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  return cp;
}

Kind kind_of(char32_t cp) {
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF))
    return Kind::han;
  if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
    return Kind::word;
  return Kind::other;
}

struct Run {
  Kind kind;
  std::vector<std::string> chars;  // Han: one entry per character; word: one entry
};

std::vector<Run> runs_of(std::string_view raw) {
  std::string text = i18n::to_simplified(raw);
  std::vector<Run> runs;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = 1;
    auto cp = next_code_point(text, i, len);
    auto k = kind_of(cp);
    std::string ch = text.substr(i, len);
    i += len;
    if (k == Kind::other) {
      runs.push_back({Kind::other, {}});
      continue;
    }
    if (k == Kind::word)
      std::transform(ch.begin(), ch.end(), ch.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (runs.empty() || runs.back().kind != k) runs.push_back({k, {}});
    if (k == Kind::word) {
      if (runs.back().chars.empty()) runs.back().chars.emplace_back();
      if (runs.back().chars.back().size() < 40) runs.back().chars.back() += ch;
    } else {
      runs.back().chars.push_back(ch);
    }
  }
  return runs;
}
}  // namespace

std::vector<std::string> document_terms(std::string_view text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& t) {
    if (seen.insert(t).second) out.push_back(t);
  };
  for (const auto& r : runs_of(text)) {
    if (r.kind == Kind::word && !r.chars.empty()) add(r.chars.front());
    if (r.kind != Kind::han) continue;
    if (r.chars.size() == 1) add(r.chars[0]);
    for (std::size_t k = 0; k + 1 < r.chars.size(); ++k) add(r.chars[k] + r.chars[k + 1]);
  }
  return out;
}

Query parse_query(std::string_view text) {
  Query q;
  std::set<std::string> seen;
  for (const auto& r : runs_of(text.substr(0, 200))) {
    // Latin words and numbers match as prefixes ("wifi" finds "wifi6", "12" finds "1201").
    if (r.kind == Kind::word && !r.chars.empty() && seen.insert(r.chars.front()).second)
      q.prefixes.push_back(r.chars.front());
    if (r.kind != Kind::han) continue;
    if (r.chars.size() == 1) {
      q.prefixes.push_back(r.chars[0]);
      continue;
    }
    for (std::size_t k = 0; k + 1 < r.chars.size(); ++k)
      if (seen.insert(r.chars[k] + r.chars[k + 1]).second)
        q.terms.push_back(r.chars[k] + r.chars[k + 1]);
  }
  return q;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8; NUL is
    // refused too, since PostgreSQL cannot store it in text and would cut the value.
    if (cp == 0 || (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

std::string utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Step back over continuation bytes to the start of the character that does not fit.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  std::size_t common = 0;
  for (const auto& t : sa) common += sb.count(t);
  return static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
}
}  // namespace silian::search
