#include "silian/modules/appeals/domain/calendar.hpp"

#include <chrono>
#include <stdexcept>

namespace silian::appeals {
namespace {
std::chrono::sys_days day_of(std::int64_t at) {
  return std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{at + k_local_offset}});
}

std::string format_day(std::chrono::sys_days d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

constexpr std::int64_t k_day = 86400;
}  // namespace

std::string local_date(std::int64_t at) { return format_day(day_of(at)); }
std::string local_month(std::int64_t at) { return local_date(at).substr(0, 7); }

std::string format_deadline(std::int64_t at) {
  if ((at + k_local_offset) % k_day == 0) return local_date(at - 1) + " 24:00";
  auto local = at + k_local_offset;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(local % k_day / 3600),
                static_cast<int>(local % 3600 / 60));
  return local_date(at) + " " + buf;
}

std::int64_t local_midnight(const std::string& date) {
  if (!valid_date(date)) throw std::invalid_argument("bad date: " + date);
  std::chrono::year_month_day ymd{
      std::chrono::year{std::stoi(date.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
  auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return static_cast<std::int64_t>(days) * k_day - k_local_offset;
}

bool WorkCalendar::is_working_day(const std::string& date) const {
  if (auto it = overrides_.find(date); it != overrides_.end()) return it->second == "workday";
  std::chrono::weekday wd{std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{std::stoi(date.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}}}};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

std::int64_t WorkCalendar::add_working_hours(std::int64_t from, std::int64_t hours) const {
  std::int64_t left = hours * 3600;
  std::int64_t at = from;
  // Walk day by day; a year of rest days at most, so the loop is bounded.
  for (int guard = 0; left > 0 && guard < 4000; ++guard) {
    auto date = local_date(at);
    auto day_end = local_midnight(date) + k_day;
    if (!is_working_day(date)) {
      at = day_end;
      continue;
    }
    auto available = day_end - at;
    if (left <= available) return at + left;
    left -= available;
    at = day_end;
  }
  return at;
}

std::int64_t WorkCalendar::add_working_days(std::int64_t from, std::int64_t days) const {
  auto at = local_midnight(local_date(from)) + k_day;  // end of the starting day
  std::int64_t counted = 0;
  for (int guard = 0; counted < days && guard < 4000; ++guard) {
    if (is_working_day(local_date(at))) ++counted;
    at += k_day;
  }
  return at;
}
}  // namespace silian::appeals
