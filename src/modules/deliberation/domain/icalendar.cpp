#include "silian/modules/deliberation/domain/icalendar.hpp"

#include <ctime>

namespace silian::deliberation {
std::string ical_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ical_utc(std::int64_t at) {
  std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string ical_line(const std::string& name, const std::string& value) {
  std::string line = name + ":" + value;
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  for (std::size_t i = 0; i < line.size();) {
    // The whole UTF-8 sequence starting here.
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 1;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, n);
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::string icalendar(const std::string& calendar_name, const std::vector<CalendarEvent>& events) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Silian//Deliberation//ZH\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
  out += ical_line("X-WR-CALNAME", ical_escape(calendar_name));
  out += "X-WR-TIMEZONE:Asia/Shanghai\r\n";
  for (const auto& e : events) {
    out += "BEGIN:VEVENT\r\n";
    out += ical_line("UID", e.uid);
    out += "DTSTAMP:" + ical_utc(e.stamp) + "\r\n";
    out += "DTSTART:" + ical_utc(e.starts_at) + "\r\n";
    out += "DTEND:" + ical_utc(e.ends_at) + "\r\n";
    out += ical_line("SUMMARY", ical_escape(e.summary));
    if (!e.location.empty()) out += ical_line("LOCATION", ical_escape(e.location));
    if (!e.description.empty()) out += ical_line("DESCRIPTION", ical_escape(e.description));
    if (!e.url.empty()) out += ical_line("URL", e.url);
    out += e.cancelled ? "STATUS:CANCELLED\r\n" : "STATUS:CONFIRMED\r\n";
    out += "END:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}
}  // namespace silian::deliberation
