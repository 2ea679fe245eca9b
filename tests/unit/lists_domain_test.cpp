#include <gtest/gtest.h>

#include "silian/modules/lists/domain/lists.hpp"
#include "silian/platform/exports/table_export.hpp"

using namespace silian::lists;

namespace {
ListItem item(const std::string& code, const std::string& title, std::int64_t dept = 1,
              const std::string& funding = "2万元") {
  ListItem i;
  i.code = code;
  i.title = title;
  i.department_id = dept;
  i.funding = funding;
  return i;
}
}  // namespace

TEST(ListDiff, ReportsAddedRemovedAndChangedFieldsByCode) {
  std::vector<ListItem> v1{item("A01", "低保申请初审"), item("A02", "残疾人证办理"),
                           item("A03", "征兵宣传")};
  std::vector<ListItem> v2{item("A01", "低保申请初审", 1, "3万元"), item("A03", "征兵宣传动员", 2),
                           item("A04", "食品安全宣传")};
  auto changes = diff(v1, v2);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].code, "A01");
  EXPECT_EQ(changes[0].change, "changed");
  EXPECT_EQ(changes[0].fields, std::vector<std::string>{"funding"});
  EXPECT_EQ(changes[0].before, std::vector<std::string>{"2万元"});
  EXPECT_EQ(changes[0].after, std::vector<std::string>{"3万元"});
  EXPECT_EQ(changes[1].code, "A02");
  EXPECT_EQ(changes[1].change, "removed");
  EXPECT_EQ(changes[1].old_title, "残疾人证办理");
  EXPECT_EQ(changes[2].change, "changed");
  EXPECT_EQ(changes[2].fields, (std::vector<std::string>{"title", "department"}));
  EXPECT_EQ(changes[3].change, "added");
  EXPECT_TRUE(diff(v1, v1).empty());
}

TEST(Admission, RefusesEachKindOfBadTask) {
  AdmissionFacts ok{7, true, true, 7, {"retained"}};
  EXPECT_FALSE(admission_refusal(ok).has_value());
  auto no_item = ok;
  no_item.item_cited = false;
  EXPECT_EQ(admission_refusal(no_item), "refusal_no_item");
  auto unpublished = ok;
  unpublished.item_published = false;
  EXPECT_EQ(admission_refusal(unpublished), "refusal_unpublished_item");
  auto other = ok;
  other.item_department_id = 8;
  EXPECT_EQ(admission_refusal(other), "refusal_other_department");
  auto cancelled = ok;
  cancelled.demanded_burden_statuses = {"retained", "cancelled"};
  EXPECT_EQ(admission_refusal(cancelled), "refusal_cancelled_burden");
  auto merged = ok;
  merged.demanded_burden_statuses = {"merged"};
  EXPECT_FALSE(admission_refusal(merged).has_value()) << "a merged entry lives on in its target";
}

TEST(Admission, TheStreetApprovesItsOwnCommunitiesElseTheDistrict) {
  EXPECT_EQ(approving_unit({{10, 2}, {11, 2}}, 1), 2);
  EXPECT_EQ(approving_unit({{10, 2}, {12, 3}}, 1), 1);
  EXPECT_EQ(approving_unit({}, 1), 1);
}

TEST(Dates, OnlyRealLookingCalendarDates) {
  EXPECT_TRUE(silian::valid_date("2026-12-31"));
  EXPECT_FALSE(silian::valid_date("2026-13-01"));
  EXPECT_FALSE(silian::valid_date("2026-1-01"));
  EXPECT_FALSE(silian::valid_date("20261231"));
  EXPECT_FALSE(silian::valid_date("2026-12-00"));
  EXPECT_FALSE(silian::valid_date("2026-02-29"));
  EXPECT_TRUE(silian::valid_date("2028-02-29"));
  EXPECT_FALSE(silian::valid_date("2026-04-31"));
}

TEST(Kinds, ListAndBurdenVocabularies) {
  EXPECT_TRUE(is_list_kind("assistance"));
  EXPECT_FALSE(is_list_kind("social"));
  EXPECT_TRUE(is_burden_kind("ledger"));
  EXPECT_FALSE(is_burden_status("deleted"));
}

TEST(Exports, CsvQuotesAndNeutralisesFormulas) {
  silian::exports::Table t{"t", {"编号", "名称"}, {{"=1+1", "a,\"b\""}, {"-5", "普通"}}};
  auto csv = silian::exports::to_csv(t);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF编号,名称\r\n"));
  EXPECT_NE(csv.find("'=1+1,\"a,\"\"b\"\"\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("'-5,普通"), std::string::npos);
}
