#pragma once
// Rendered pages shared between viewers with the same authority (ADR 0012).
//
// A route opts in when its page depends only on the path and query, the reader's
// language and text size, the viewer's role assignments and the data: two staff members
// with the same roles then read one rendering. What is personal in a page (the CSRF token
// of its forms, the viewer's name in the header) is rendered as a marker and filled in
// for each viewer. An entry is keyed by the database's change generation, so no page is
// served from before the last committed write, and only within the second of the
// platform clock it was rendered in (deadlines and overdue marks depend on the clock).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace silian::http {
struct CachedPage {
  std::string body;  // with the markers in it
  std::string content_type;
  std::int64_t rendered_at = 0;
};

class PageCache {
 public:
  explicit PageCache(std::size_t capacity_bytes);

  bool enabled() const { return capacity_ > 0; }
  // Markers rendered in place of the personal parts; random per process, so no stored
  // text can be crafted to contain them.
  const std::string& csrf_marker() const { return csrf_marker_; }
  const std::string& name_marker() const { return name_marker_; }

  std::shared_ptr<const CachedPage> find(const std::string& key, std::uint64_t generation,
                                         std::int64_t now);
  void store(const std::string& key, std::uint64_t generation, CachedPage page);
  // The page for one viewer: the markers replaced by the CSRF token and the viewer's
  // name (HTML-escaped here, as the template would have).
  std::string personalise(const std::string& body, const std::string& csrf_token,
                          const std::string& display_name) const;

  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  std::size_t capacity_;
  std::string marker_prefix_, csrf_marker_, name_marker_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;  // of every entry held; a newer one empties the cache
  std::size_t bytes_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages_;
  std::uint64_t hits_ = 0, misses_ = 0;
};
}  // namespace silian::http
