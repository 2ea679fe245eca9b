#pragma once
// Prometheus metrics: requests by route and status, a latency histogram, DB pool use.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace silian::ops {
class Metrics {
 public:
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render(std::size_t pool_in_use, std::size_t pool_size) const;

 private:
  static constexpr std::array<double, 10> k_buckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,  0.1,    0.25,  0.5,  1.0};
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> requests_;  // label set -> count
  std::array<std::uint64_t, k_buckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};
}  // namespace silian::ops
