// iCalendar output (RFC 5545): escaping, folding without splitting a character, UTC
// times; and the Beijing-time datetime-local values meeting forms send.
#include <gtest/gtest.h>

#include "silian/modules/deliberation/domain/icalendar.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
TEST(ICalendar, EscapesWhatRfc5545Reserves) {
  EXPECT_EQ(ical_escape("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
  EXPECT_EQ(ical_escape("议事会，二楼"), "议事会，二楼");  // full-width comma is text
}

TEST(ICalendar, FoldsLongLinesAtSeventyFiveOctetsBetweenCharacters) {
  std::string title;
  for (int i = 0; i < 40; ++i) title += "议";  // 120 octets
  auto line = ical_line("SUMMARY", title);
  ASSERT_TRUE(line.ends_with("\r\n"));
  std::string unfolded;
  std::size_t start = 0;
  while (start < line.size()) {
    auto end = line.find("\r\n", start);
    auto physical = line.substr(start, end - start);
    EXPECT_LE(physical.size(), 75u);
    // Continuations start with a space, and every physical line is valid UTF-8 on its
    // own: no character was cut.
    if (start > 0) {
      EXPECT_EQ(physical[0], ' ');
    }
    EXPECT_TRUE(search::valid_utf8(physical)) << physical;
    unfolded += start == 0 ? physical : physical.substr(1);
    start = end + 2;
  }
  EXPECT_EQ(unfolded, "SUMMARY:" + title);
  EXPECT_EQ(ical_line("UID", "x"), "UID:x\r\n");
}

TEST(ICalendar, TimesAreUtc) {
  EXPECT_EQ(ical_utc(0), "19700101T000000Z");
  EXPECT_EQ(ical_utc(1790000000), "20260921T141320Z");
}

TEST(ICalendar, ACalendarHasItsEventsAndRequiredProperties) {
  auto text = icalendar("日程", {{"meeting-1@silian", 1790000000, 1790007200, 1789990000, "议事会",
                                  "会议室", "1. 停车", "", false},
                                 {"meeting-2@silian", 1790100000, 1790107200, 1789990000,
                                  "取消的会", "", "", "", true}});
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  EXPECT_NE(text.find("DTSTART:20260921T141320Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("DESCRIPTION:1. 停车\r\n"), std::string::npos);
  EXPECT_NE(text.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_EQ(text.find("LOCATION:\r\n"), std::string::npos);  // empty values left out
  // Every line ends in CRLF.
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\n') {
      EXPECT_EQ(text[i - 1], '\r') << i;
    }
  }
}

TEST(LocalDateTime, BeijingTimeFromTheForm) {
  // 2026-09-21 22:13 in Beijing is 14:13 UTC.
  EXPECT_EQ(parse_local_datetime("2026-09-21T22:13"), 1790000000 - 20);
  EXPECT_EQ(format_local_datetime(1790000000 - 20), "2026-09-21T22:13");
  EXPECT_FALSE(parse_local_datetime("2026-02-30T10:00"));
  EXPECT_FALSE(parse_local_datetime("2026-09-21T24:00"));
  EXPECT_FALSE(parse_local_datetime("2026-09-21T10:60"));
  EXPECT_FALSE(parse_local_datetime("2026-09-21 10:00"));
  EXPECT_FALSE(parse_local_datetime("2026-09-21T1:00"));
  EXPECT_FALSE(parse_local_datetime(""));
}
}  // namespace silian::deliberation
