// The public meeting calendar against the real binary over TCP, parsed by
// python3-icalendar (Debian) as a calendar client would: tests/conformance/icalendar_check.py.
#include <gtest/gtest.h>

#include "process/process_support.hpp"
#include "support/test_platform.hpp"

using namespace silian::test;

TEST(CalendarConformance, TheMeetingFeedParsesInARealCalendarParser) {
  auto dir = temp_dir();
  auto db = "sqlite:" + dir + "/silian.db";
  std::map<std::string, std::string> env{{"SILIAN_SECRET_FILE", dir + "/secret.key"},
                                         {"SILIAN_PASSWORD_COST", "minimal"}};
  ASSERT_EQ(run_silian({"demo", "--db", db}, env).exit_code, 0);
  ServerProcess server(db, env);
  // The demo's noticed council meeting, with a Chinese title and place long enough to be
  // folded, must come through.
  auto result = run_command(std::string("/usr/bin/python3 ") + SILIAN_SOURCE_DIR +
                            "/tests/conformance/icalendar_check.py --url http://127.0.0.1:" +
                            std::to_string(server.port()) +
                            "/deliberation/meetings.ics --expect-summary "
                            "'2026年第4次议事协商会' --expect-location '党群服务中心'");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("OK"), std::string::npos) << result.output;
}
