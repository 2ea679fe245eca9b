#pragma once
// iCalendar (RFC 5545) output for the public meeting calendar: text escaping, line
// folding at 75 octets without splitting a UTF-8 character, CRLF line ends, UTC times.
#include <cstdint>
#include <string>
#include <vector>

namespace silian::deliberation {
struct CalendarEvent {
  std::string uid;  // globally unique and stable: "meeting-12@silian"
  std::int64_t starts_at = 0, ends_at = 0, stamp = 0;
  std::string summary, location, description, url;
  bool cancelled = false;
};
std::string ical_escape(const std::string& text);
std::string ical_utc(std::int64_t at);  // 20261205T113000Z
// One content line, folded: continuation lines start with a space.
std::string ical_line(const std::string& name, const std::string& value);
std::string icalendar(const std::string& calendar_name, const std::vector<CalendarEvent>& events);
}  // namespace silian::deliberation
