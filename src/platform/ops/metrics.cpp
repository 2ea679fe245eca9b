#include "silian/platform/ops/metrics.hpp"

#include <fmt/format.h>

namespace silian::ops {
namespace {
std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::string labels = fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", escape_label(method),
                                   escape_label(route), status);
  std::lock_guard lock(mutex_);
  ++requests_[labels];
  for (std::size_t i = 0; i < k_buckets.size(); ++i)
    if (seconds <= k_buckets[i]) ++bucket_counts_[i];
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(std::size_t pool_in_use, std::size_t pool_size) const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP silian_http_requests_total HTTP requests by route pattern and status.\n";
  out += "# TYPE silian_http_requests_total counter\n";
  for (const auto& [labels, n] : requests_)
    out += fmt::format("silian_http_requests_total{{{}}} {}\n", labels, n);
  out += "# HELP silian_http_request_duration_seconds Request latency.\n";
  out += "# TYPE silian_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < k_buckets.size(); ++i)
    out += fmt::format("silian_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       k_buckets[i], bucket_counts_[i]);
  out += fmt::format("silian_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count_);
  out += fmt::format("silian_http_request_duration_seconds_sum {}\n", sum_);
  out += fmt::format("silian_http_request_duration_seconds_count {}\n", count_);
  out += "# HELP silian_db_pool_in_use Database sessions leased right now.\n";
  out += "# TYPE silian_db_pool_in_use gauge\n";
  out += fmt::format("silian_db_pool_in_use {}\n", pool_in_use);
  out += "# HELP silian_db_pool_size Database sessions in the pool.\n";
  out += "# TYPE silian_db_pool_size gauge\n";
  out += fmt::format("silian_db_pool_size {}\n", pool_size);
  return out;
}
}  // namespace silian::ops
