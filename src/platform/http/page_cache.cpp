#include "silian/platform/http/page_cache.hpp"

#include <kainjow/mustache.hpp>

#include "silian/platform/crypto/crypto.hpp"

namespace silian::http {
namespace {
// random_token is URL-safe base64: letters, digits, '-' and '_', which HTML escaping and
// every template leave as they are.
constexpr char k_csrf_suffix = 'C';
constexpr char k_name_suffix = 'N';
}  // namespace

PageCache::PageCache(std::size_t capacity_bytes)
    : capacity_(capacity_bytes),
      marker_prefix_("pc" + crypto::random_token(18) + "."),
      csrf_marker_(marker_prefix_ + k_csrf_suffix),
      name_marker_(marker_prefix_ + k_name_suffix) {}

std::shared_ptr<const CachedPage> PageCache::find(const std::string& key, std::uint64_t generation,
                                                  std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (generation == generation_) {
    auto it = pages_.find(key);
    if (it != pages_.end()) {
      if (it->second->rendered_at == now) {
        ++hits_;
        return it->second;
      }
      bytes_ -= it->second->body.size() + it->first.size();
      pages_.erase(it);
    }
  }
  ++misses_;
  return nullptr;
}

void PageCache::store(const std::string& key, std::uint64_t generation, CachedPage page) {
  if (!enabled()) return;
  std::size_t size = page.body.size() + key.size();
  std::lock_guard lock(mutex_);
  if (generation < generation_) return;  // rendered from data older than what is held
  if (generation > generation_ || bytes_ + size > capacity_) {
    // Pages of an older generation are never served again; and at capacity everything
    // goes (simpler than an LRU, and the cache refills in a second at worst).
    pages_.clear();
    bytes_ = 0;
    generation_ = generation;
  }
  if (size > capacity_) return;
  auto shared = std::make_shared<const CachedPage>(std::move(page));
  if (auto it = pages_.find(key); it != pages_.end()) {  // two viewers rendered it at once
    bytes_ -= it->second->body.size() + key.size();
    it->second = std::move(shared);
  } else {
    pages_.emplace(key, std::move(shared));
  }
  bytes_ += size;
}

std::string PageCache::personalise(const std::string& body, const std::string& csrf_token,
                                   const std::string& display_name) const {
  std::string out;
  out.reserve(body.size() + 64);
  std::size_t from = 0;
  while (true) {
    auto at = body.find(marker_prefix_, from);
    if (at == std::string::npos || at + marker_prefix_.size() >= body.size()) break;
    char kind = body[at + marker_prefix_.size()];
    out.append(body, from, at - from);
    if (kind == k_csrf_suffix)
      out += csrf_token;
    else if (kind == k_name_suffix)
      out += kainjow::mustache::html_escape<std::string>(display_name);
    else
      out.append(marker_prefix_).push_back(kind);
    from = at + marker_prefix_.size() + 1;
  }
  out.append(body, from, std::string::npos);
  return out;
}

std::uint64_t PageCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::uint64_t PageCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}
}  // namespace silian::http
