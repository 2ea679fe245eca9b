#pragma once
// Time is injected so that deadlines, escalation and elections are testable without
// sleeping. All times are Unix seconds (UTC).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace silian {
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t at) : at_(at) {}
  std::int64_t now() const override { return at_.load(); }
  void set(std::int64_t at) { at_.store(at); }
  void advance(std::int64_t seconds) { at_.fetch_add(seconds); }

 private:
  std::atomic<std::int64_t> at_;
};

// Parses ISO-8601 / W3C date-times such as 2026-03-01T08:00:00Z, 2026-03-01T16:00:00+08:00
// or a plain date 2026-03-01 (taken as midnight UTC).
std::optional<std::int64_t> parse_iso8601(std::string_view text);
// True for a real calendar date written YYYY-MM-DD (2028-02-29 yes, 2026-02-30 no).
bool valid_date(std::string_view yyyy_mm_dd);
// Formats as 2026-03-01T08:00:00Z.
std::string format_iso8601_utc(std::int64_t at);
// Formats in China Standard Time for display: 2026-03-01 16:00.
std::string format_local_minutes(std::int64_t at);
}  // namespace silian
