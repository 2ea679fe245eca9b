// Outside parsers against the real binary over TCP: the meeting calendar, parsed by
// python3-icalendar (Debian) as a calendar client would, and the public record, recomputed
// with hashlib: tests/conformance/icalendar_check.py and public_record_verify.py.
#include <gtest/gtest.h>

#include "process/process_support.hpp"
#include "support/test_platform.hpp"

using namespace silian::test;

TEST(CalendarConformance, TheMeetingFeedParsesInARealCalendarParser) {
  auto [dir, db, env] = demo_site();
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

// The public record, recomputed from its JSON copy with Python's hashlib (nothing the
// server computed is trusted), and `silian audit verify` on the same database.
TEST(PublicRecordConformance, AnOutsiderRecomputesTheChain) {
  auto [dir, db, env] = demo_site();
  {
    ServerProcess server(db, env);
    auto result = run_command(std::string("/usr/bin/python3 ") + SILIAN_SOURCE_DIR +
                              "/tests/conformance/public_record_verify.py --url http://127.0.0.1:" +
                              std::to_string(server.port()) +
                              "/record.json --min-entries 3 --expect '验收合格'");
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("OK 3 entries"), std::string::npos) << result.output;
  }
  auto verified = run_silian({"audit", "verify", "--db", db}, env);
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("public record intact: 3 entries"), std::string::npos)
      << verified.output;
  // Altered after the fact: both the CLI and an outsider notice.
  auto altered = run_command("sqlite3 '" + dir +
                             "/silian.db' \"UPDATE public_record SET body = "
                             "'改过' WHERE seq = 2\"");
  ASSERT_EQ(altered.exit_code, 0) << altered.output;
  auto broken = run_silian({"audit", "verify", "--db", db}, env);
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("public record BROKEN at entry 2"), std::string::npos)
      << broken.output;
  ServerProcess server(db, env);
  auto outsider = run_command(std::string("/usr/bin/python3 ") + SILIAN_SOURCE_DIR +
                              "/tests/conformance/public_record_verify.py --url http://127.0.0.1:" +
                              std::to_string(server.port()) + "/record.json");
  EXPECT_NE(outsider.exit_code, 0) << outsider.output;
  EXPECT_NE(outsider.output.find("FAIL entry 2"), std::string::npos) << outsider.output;
}
