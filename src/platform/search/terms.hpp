#pragma once
// Full-text terms for Chinese text without a word segmenter: Han characters become
// overlapping bigrams (噪音扰民 -> 噪音 音扰 扰民), Latin letters and digits become
// lower-case words. Text is first converted to Simplified script, so 停車 and 停车 give
// the same terms. Both engines index these terms (SQLite FTS5, PostgreSQL tsvector).
#include <string>
#include <string_view>
#include <vector>

namespace silian::search {
// Distinct terms of a document, in first-seen order.
std::vector<std::string> document_terms(std::string_view text);

struct Query {
  std::vector<std::string> terms;  // every one must match
  // A lone Han character matches any bigram it starts; Latin words match as prefixes.
  std::vector<std::string> prefixes;
  bool empty() const { return terms.empty() && prefixes.empty(); }
};
Query parse_query(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or stray bytes)
// without NUL, which PostgreSQL cannot store in text.
bool valid_utf8(std::string_view text);
// At most `max_bytes` of valid UTF-8 `text`, cut at a character boundary.
std::string utf8_cut(std::string_view text, std::size_t max_bytes);

// Jaccard similarity of two term sets, 0..1 (near-duplicate detection).
double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);
}  // namespace silian::search
