#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "silian/platform/assets.hpp"
#include "silian/platform/i18n/catalog.hpp"
#include "silian/platform/i18n/script_converter.hpp"

using namespace silian;

TEST(Catalogues, EveryLanguageHasEveryKeyAnotherHas) {
  const auto& catalog = i18n::Catalog::instance();
  std::set<std::string> all_keys;
  for (const auto& lang : i18n::languages())
    for (const auto& [k, v] : catalog.all(lang)) all_keys.insert(k);
  for (const auto& lang : i18n::languages()) {
    const auto& table = catalog.all(lang);
    for (const auto& key : all_keys) {
      ASSERT_TRUE(table.contains(key)) << lang << " misses " << key;
      EXPECT_FALSE(table.at(key).empty()) << lang << " has an empty " << key;
    }
  }
}

TEST(Catalogues, EveryKeyThatATemplateUsesExists) {
  const auto& table = i18n::Catalog::instance().all("zh-Hans");
  std::regex key_ref(R"(\{\{[#^/]?t\.([a-z0-9_]+)\}\})");
  int checked = 0;
  for (const auto& [path, content] : assets::all()) {
    if (!path.ends_with(".mustache")) continue;
    std::string text(content);
    for (std::sregex_iterator it(text.begin(), text.end(), key_ref), end; it != end; ++it) {
      EXPECT_TRUE(table.contains((*it)[1].str())) << path << " uses missing key " << (*it)[1].str();
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(Catalogues, LanguagesReallyDiffer) {
  const auto& c = i18n::Catalog::instance();
  EXPECT_EQ(c.text("zh-Hans", "units_title"), "组织架构");
  EXPECT_EQ(c.text("zh-Hant", "units_title"), "組織架構");
  EXPECT_EQ(c.text("en", "units_title"), "Organisation");
  EXPECT_EQ(c.format("en", "notify_resident_rejected", {{"reason", "wrong address"}}),
            "Your registration was not confirmed. Reason: wrong address");
}

TEST(AcceptLanguage, PicksTheBestSupportedLanguage) {
  EXPECT_EQ(i18n::negotiate(""), "zh-Hans");
  EXPECT_EQ(i18n::negotiate("en-US,en;q=0.9"), "en");
  EXPECT_EQ(i18n::negotiate("zh-TW,zh;q=0.9"), "zh-Hant");
  EXPECT_EQ(i18n::negotiate("zh-Hant-HK"), "zh-Hant");
  EXPECT_EQ(i18n::negotiate("zh-CN"), "zh-Hans");
  EXPECT_EQ(i18n::negotiate("fr-FR, en;q=0.5"), "en");
  EXPECT_EQ(i18n::negotiate("en;q=0.4, zh-HK;q=0.8"), "zh-Hant");
  EXPECT_EQ(i18n::negotiate("de, fr"), "zh-Hans");
}

TEST(ScriptConversion, ShowsContentInTheReadersScript) {
  EXPECT_EQ(i18n::to_reader_script("广益佳苑社区停车难", "zh-Hant"), "廣益佳苑社區停車難");
  EXPECT_EQ(i18n::to_reader_script("廣益佳苑社區停車難", "zh-Hans"), "广益佳苑社区停车难");
  EXPECT_EQ(i18n::to_reader_script("广益佳苑社区", "en"), "广益佳苑社区");
  EXPECT_EQ(i18n::to_reader_script("", "zh-Hant"), "");
}
