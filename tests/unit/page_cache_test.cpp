// The page cache's own rules (platform/http/page_cache.cpp): markers filled per viewer
// with the name escaped, entries only of the newest generation and of the current
// second, and a bounded size.
#include <gtest/gtest.h>

#include "silian/platform/http/page_cache.hpp"

namespace silian::http {
namespace {
TEST(PageCacheRules, FillsTheMarkersForEachViewerAndEscapesTheName) {
  PageCache cache(1 << 20);
  ASSERT_NE(cache.csrf_marker(), cache.name_marker());
  auto body = "<form><input value=\"" + cache.csrf_marker() + "\"></form><span>" +
              cache.name_marker() + "</span>" + cache.csrf_marker();
  EXPECT_EQ(cache.personalise(body, "tok", "<b>王&\"李'</b>"),
            "<form><input value=\"tok\"></form><span>&lt;b&gt;王&amp;&quot;李&apos;&lt;/b&gt;"
            "</span>tok");
  // Text without markers, or with something that only looks like one, is left alone.
  EXPECT_EQ(cache.personalise("纯文本 pc. C N", "tok", "x"), "纯文本 pc. C N");
  PageCache other(1 << 20);
  EXPECT_NE(other.csrf_marker(), cache.csrf_marker());  // random per process
  EXPECT_EQ(cache.personalise(other.csrf_marker(), "tok", "x"), other.csrf_marker());
}

TEST(PageCacheRules, ServesOnlyTheNewestGenerationWithinTheSecond) {
  PageCache cache(1 << 20);
  cache.store("a", 5, {"page a", "text/html", 100});
  EXPECT_NE(cache.find("a", 5, 100), nullptr);
  EXPECT_EQ(cache.find("a", 5, 101), nullptr);  // the next second: rendered again
  cache.store("a", 5, {"page a", "text/html", 102});
  EXPECT_EQ(cache.find("a", 5, 101), nullptr);  // from the future: the clock went back
  cache.store("a", 5, {"page a", "text/html", 102});
  EXPECT_EQ(cache.find("a", 6, 102), nullptr);  // something was written since
  cache.store("b", 6, {"page b", "text/html", 102});
  EXPECT_EQ(cache.find("a", 5, 102), nullptr);             // a newer generation emptied the cache
  cache.store("a", 5, {"late page a", "text/html", 102});  // rendered before a write
  EXPECT_EQ(cache.find("a", 6, 102), nullptr);
  EXPECT_NE(cache.find("b", 6, 102), nullptr);
  EXPECT_EQ(cache.hits(), 2u);
  EXPECT_EQ(cache.misses(), 5u);
}

TEST(PageCacheRules, StaysWithinItsSizeAndCanBeTurnedOff) {
  PageCache cache(100);
  cache.store("a", 1, {std::string(60, 'a'), "text/html", 0});
  EXPECT_NE(cache.find("a", 1, 0), nullptr);
  cache.store("b", 1, {std::string(60, 'b'), "text/html", 0});  // over: the rest goes
  EXPECT_EQ(cache.find("a", 1, 0), nullptr);
  EXPECT_NE(cache.find("b", 1, 0), nullptr);
  cache.store("c", 1, {std::string(200, 'c'), "text/html", 0});  // never fits
  EXPECT_EQ(cache.find("c", 1, 0), nullptr);
  PageCache off(0);
  EXPECT_FALSE(off.enabled());
  off.store("a", 1, {"page", "text/html", 0});
  EXPECT_EQ(off.find("a", 1, 0), nullptr);
}
}  // namespace
}  // namespace silian::http
