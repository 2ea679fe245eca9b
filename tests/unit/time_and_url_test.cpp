#include <gtest/gtest.h>

#include "silian/platform/clock.hpp"
#include "silian/platform/http/router.hpp"
#include "silian/platform/http/url.hpp"

using namespace silian;

TEST(Iso8601, ParsesUtcOffsetsAndDates) {
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601("2026-03-01T08:00:00Z"), 1772352000);
  EXPECT_EQ(parse_iso8601("2026-03-01T16:00:00+08:00"), 1772352000);
  EXPECT_EQ(parse_iso8601("2026-03-01T03:00:00-05:00"), 1772352000);
  EXPECT_EQ(parse_iso8601("2026-03-01"), 1772323200);
  EXPECT_EQ(parse_iso8601("2026-03-01T08:00Z"), 1772352000);
  EXPECT_EQ(parse_iso8601("2024-02-29T00:00:00Z"), 1709164800);  // leap day
}

TEST(Iso8601, RejectsMalformedInput) {
  for (const char* bad :
       {"", "2026", "2026-13-01", "2026-03-01T25:00:00Z", "2026-03-01T08:00:00+0800", "tomorrow",
        "2026-03-01T08:00:00Zjunk", "2026/03/01"})
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
}

TEST(Iso8601, FormatsRoundTrip) {
  EXPECT_EQ(format_iso8601_utc(1772352000), "2026-03-01T08:00:00Z");
  EXPECT_EQ(format_local_minutes(1772352000), "2026-03-01 16:00");
  EXPECT_EQ(parse_iso8601(format_iso8601_utc(1790000000)), 1790000000);
}

TEST(Url, DecodesAndEncodesUtf8) {
  EXPECT_EQ(http::url_decode("%E5%B9%BF%E7%9B%8A+road"), "广益 road");
  EXPECT_EQ(http::url_decode("100%"), "100%");
  EXPECT_EQ(http::url_decode("%zz"), "%zz");
  EXPECT_EQ(http::url_encode("广 a&b"), "%E5%B9%BF%20a%26b");
  auto form = http::parse_urlencoded("a=1&b=%E7%A4%BE&c=&d");
  EXPECT_EQ(form["a"], "1");
  EXPECT_EQ(form["b"], "社");
  EXPECT_EQ(form["c"], "");
  EXPECT_TRUE(form.contains("d"));
}

TEST(Url, OnlyLocalRedirectTargets) {
  EXPECT_TRUE(http::is_local_path("/workbench?x=1"));
  EXPECT_FALSE(http::is_local_path("//evil.example/"));
  EXPECT_FALSE(http::is_local_path("https://evil.example/"));
  EXPECT_FALSE(http::is_local_path("/\\evil"));
  EXPECT_FALSE(http::is_local_path("/a\r\nSet-Cookie: x"));
  EXPECT_FALSE(http::is_local_path(""));
  EXPECT_FALSE(http::is_local_path("/\t/evil.example"));  // browsers strip the tab
  EXPECT_FALSE(http::is_local_path("/ /evil.example"));
  EXPECT_TRUE(http::is_local_path("/"));
}

TEST(Url, RecordIdsAreDecimalDigitsOnly) {
  EXPECT_EQ(http::parse_id("42"), 42);
  EXPECT_EQ(http::parse_id("000123"), 123);
  for (const char* bad : {"", "-1", "1e3", " 7", "12a", "\xe4\xb8\x80", "1234567890123456789"})
    EXPECT_FALSE(http::parse_id(bad).has_value()) << bad;
}

TEST(Cookies, ParsesHeader) {
  auto c = http::parse_cookies("sid=abc; lang=en;large=1");
  EXPECT_EQ(c["sid"], "abc");
  EXPECT_EQ(c["lang"], "en");
  EXPECT_EQ(c["large"], "1");
}

TEST(Router, MatchesParamsAndReportsWrongMethod) {
  http::Router r;
  r.get("/admin/accounts/new", "p", [](http::RequestContext&) { return http::Response{}; });
  r.get("/admin/accounts/{id}", "p", [](http::RequestContext&) { return http::Response{}; });
  r.post("/admin/accounts/{id}/roles/{rid}/revoke", "p",
         [](http::RequestContext&) { return http::Response{}; });
  auto m = r.match("GET", "/admin/accounts/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["id"], "42");
  EXPECT_EQ(r.match("GET", "/admin/accounts/new").route->pattern, "/admin/accounts/new");
  auto revoke = r.match("POST", "/admin/accounts/1/roles/9/revoke");
  ASSERT_NE(revoke.route, nullptr);
  EXPECT_EQ(revoke.params["rid"], "9");
  auto wrong = r.match("DELETE", "/admin/accounts/1");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.path_exists);
  EXPECT_EQ(r.match("GET", "/admin/accounts/").route, nullptr);
  EXPECT_EQ(r.match("GET", "/admin/accounts/1/extra").route, nullptr);
}

TEST(Router, RefusesRoutesWithoutPermissionOrTwice) {
  http::Router r;
  EXPECT_THROW(r.get("/x", "", [](http::RequestContext&) { return http::Response{}; }),
               std::logic_error);
  r.get("/x", "public", [](http::RequestContext&) { return http::Response{}; });
  EXPECT_THROW(r.get("/x", "public", [](http::RequestContext&) { return http::Response{}; }),
               std::logic_error);
}

TEST(Url, DecimalsAreFiniteNumbersWrittenWhole) {
  EXPECT_EQ(http::parse_decimal("31.58"), 31.58);
  EXPECT_EQ(http::parse_decimal("-120"), -120.0);
  for (const std::string bad : {"", "north", "1.5x", "nan", "inf", "1e999", " 3"})
    EXPECT_FALSE(http::parse_decimal(bad).has_value()) << bad;
}
