#pragma once
// Working time for appeal deadlines. Days are local (China Standard Time, UTC+8, no
// daylight saving). Saturdays and Sundays are rest days unless the administrator marks
// them as adjusted working days (调休); listed holidays are rest days.
#include <cstdint>
#include <map>
#include <string>

#include "silian/platform/clock.hpp"  // valid_date

namespace silian::appeals {
inline constexpr std::int64_t k_local_offset = 8 * 3600;

// "2026-10-01" for a Unix time.
std::string local_date(std::int64_t at);
// "2026-10" for a Unix time.
std::string local_month(std::int64_t at);
// Unix time of local midnight starting the day `date` (YYYY-MM-DD); throws on bad input.
std::int64_t local_midnight(const std::string& date);
// A deadline as people read it: local midnight is the end of the day before, so
// 2026-11-17T00:00+08:00 reads "2026-11-16 24:00"; other times "2026-11-16 15:30".
std::string format_deadline(std::int64_t at);

class WorkCalendar {
 public:
  // day -> "holiday" | "workday"
  explicit WorkCalendar(std::map<std::string, std::string> overrides = {})
      : overrides_(std::move(overrides)) {}
  bool is_working_day(const std::string& date) const;
  // The moment `hours` working hours after `from`: every hour of a working day counts,
  // no hour of a rest day does.
  std::int64_t add_working_hours(std::int64_t from, std::int64_t hours) const;
  // The end (local 24:00) of the `days`-th working day after the day of `from`.
  std::int64_t add_working_days(std::int64_t from, std::int64_t days) const;

 private:
  std::map<std::string, std::string> overrides_;
};
}  // namespace silian::appeals
