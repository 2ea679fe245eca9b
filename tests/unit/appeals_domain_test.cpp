// C2 domain: working-time deadlines, the loop's rules, the three rates, public numbers.
#include <gtest/gtest.h>

#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/appeals/domain/rules.hpp"
#include "silian/modules/appeals/http/access.hpp"
#include "silian/platform/clock.hpp"

using namespace silian;
using namespace silian::appeals;

namespace {
std::int64_t at(const char* iso) { return *parse_iso8601(iso); }
}  // namespace

TEST(WorkCalendar, WeekendsRestHolidaysRestAdjustedDaysWork) {
  WorkCalendar cal({{"2026-10-01", "holiday"}, {"2026-10-10", "workday"}});
  EXPECT_TRUE(cal.is_working_day("2026-09-30"));   // Wednesday
  EXPECT_FALSE(cal.is_working_day("2026-10-01"));  // holiday on a Thursday
  EXPECT_FALSE(cal.is_working_day("2026-10-03"));  // Saturday
  EXPECT_FALSE(cal.is_working_day("2026-10-04"));  // Sunday
  EXPECT_TRUE(cal.is_working_day("2026-10-10"));   // Saturday made a working day
}

TEST(WorkCalendar, LocalDatesAreChinaStandardTime) {
  EXPECT_EQ(local_date(at("2026-09-30T15:59:59Z")), "2026-09-30");
  EXPECT_EQ(local_date(at("2026-09-30T16:00:00Z")), "2026-10-01");
  EXPECT_EQ(local_month(at("2026-09-30T16:00:00Z")), "2026-10");
  EXPECT_EQ(local_midnight("2026-10-01"), at("2026-10-01T00:00:00+08:00"));
  EXPECT_FALSE(valid_date("2026-02-30"));
  EXPECT_FALSE(valid_date("2026-1-01"));
  EXPECT_TRUE(valid_date("2028-02-29"));
}

TEST(WorkCalendar, DeadlinesAtMidnightReadAsTheEndOfTheDayBefore) {
  EXPECT_EQ(format_deadline(at("2026-11-17T00:00:00+08:00")), "2026-11-16 24:00");
  EXPECT_EQ(format_deadline(at("2026-11-16T15:30:00+08:00")), "2026-11-16 15:30");
  EXPECT_EQ(format_deadline(at("2026-11-16T00:00:01+08:00")), "2026-11-16 00:00");
}

TEST(WorkCalendar, WorkingDaysSkipRestDaysAndEndAtMidnight) {
  WorkCalendar cal;
  // Friday afternoon + 1 working day = end of Monday.
  EXPECT_EQ(cal.add_working_days(at("2026-10-16T15:00:00+08:00"), 1),
            at("2026-10-20T00:00:00+08:00"));
  // Monday + 5 working days = end of the next Monday.
  EXPECT_EQ(cal.add_working_days(at("2026-10-12T09:00:00+08:00"), 5),
            at("2026-10-20T00:00:00+08:00"));
  WorkCalendar holidays(std::map<std::string, std::string>{{"2026-10-19", "holiday"}});
  EXPECT_EQ(holidays.add_working_days(at("2026-10-16T15:00:00+08:00"), 1),
            at("2026-10-21T00:00:00+08:00"));
}

TEST(WorkCalendar, WorkingHoursStopOverRestDays) {
  WorkCalendar cal;
  // Friday 20:00 + 24 working hours: 4 hours on Friday, none at the weekend, 20 on Monday.
  EXPECT_EQ(cal.add_working_hours(at("2026-10-16T20:00:00+08:00"), 24),
            at("2026-10-19T20:00:00+08:00"));
  // Exactly at the end of a working day.
  EXPECT_EQ(cal.add_working_hours(at("2026-10-15T20:00:00+08:00"), 4),
            at("2026-10-16T00:00:00+08:00"));
  // Starting on a Saturday counts from Monday midnight.
  EXPECT_EQ(cal.add_working_hours(at("2026-10-17T10:00:00+08:00"), 1),
            at("2026-10-19T01:00:00+08:00"));
  WorkCalendar adjusted(std::map<std::string, std::string>{{"2026-10-17", "workday"}});
  EXPECT_EQ(adjusted.add_working_hours(at("2026-10-17T10:00:00+08:00"), 1),
            at("2026-10-17T11:00:00+08:00"));
}

TEST(AppealRules, EachStepOnlyFromItsStatus) {
  EXPECT_TRUE(allowed(Action::dispatch, "awaiting_dispatch"));
  EXPECT_FALSE(allowed(Action::dispatch, "dispatched"));
  EXPECT_TRUE(allowed(Action::give_back, "dispatched"));
  EXPECT_FALSE(allowed(Action::give_back, "in_progress"));
  EXPECT_TRUE(allowed(Action::respond, "dispatched"));
  EXPECT_FALSE(allowed(Action::reply, "dispatched"));
  EXPECT_TRUE(allowed(Action::reply, "in_progress"));
  EXPECT_TRUE(allowed(Action::rate, "replied"));
  EXPECT_FALSE(allowed(Action::rate, "in_progress"));
  EXPECT_FALSE(allowed(Action::rate, "closed"));
  EXPECT_TRUE(allowed(Action::visit, "replied"));
  EXPECT_TRUE(allowed(Action::review, "review"));
  EXPECT_FALSE(allowed(Action::note, "closed"));
  EXPECT_FALSE(allowed(Action::extend, "replied"));
}

TEST(AppealRules, OneReopeningThenReview) {
  EXPECT_EQ(status_after_rating(Rating::satisfied, 0), "closed");
  EXPECT_EQ(status_after_rating(Rating::basic, 1), "closed");
  EXPECT_EQ(status_after_rating(Rating::unsatisfied, 0), "in_progress");
  EXPECT_EQ(status_after_rating(Rating::unsatisfied, 1), "review");
  EXPECT_FALSE(parse_rating("great"));
  EXPECT_EQ(next_level(0), 1);
  EXPECT_EQ(next_level(1), 2);
  EXPECT_EQ(next_level(2), 2);
}

TEST(AppealRules, ThreeRatesFollowTheDocumentedFormulas) {
  KpiCounts c{10, 8, 5, 4, 2, 2, 1};
  KpiWeights w;  // 0.10 / 0.45 / 0.45, basic counts fully
  auto r = rates(c, w);
  EXPECT_DOUBLE_EQ(*r.response, 0.8);
  EXPECT_DOUBLE_EQ(*r.resolution, 0.8);
  EXPECT_DOUBLE_EQ(*r.satisfaction, 0.8);
  EXPECT_DOUBLE_EQ(*r.composite, 0.8);
  w.basic_counts_as = 0.5;
  EXPECT_DOUBLE_EQ(*rates(c, w).satisfaction, 0.6);
  // Nothing rated yet: the composite is the response rate alone, not dragged to zero.
  auto early = rates({4, 1, 0, 0, 0, 0, 0}, KpiWeights{});
  EXPECT_FALSE(early.resolution.has_value());
  EXPECT_DOUBLE_EQ(*early.composite, 0.25);
  EXPECT_FALSE(rates({}, KpiWeights{}).composite.has_value());
}

TEST(AppealRules, WeightsMustSumToOne) {
  EXPECT_TRUE(valid_weights(KpiWeights{}));
  EXPECT_TRUE(valid_weights({0.2, 0.3, 0.5, 0.8}));
  EXPECT_FALSE(valid_weights({0.2, 0.3, 0.4, 1.0}));
  EXPECT_FALSE(valid_weights({-0.1, 0.6, 0.5, 1.0}));
  EXPECT_FALSE(valid_weights({0.2, 0.3, 0.5, 1.5}));
}

TEST(AppealRules, PublicNumberCarriesTheLocalDateAndId) {
  EXPECT_EQ(public_number(123, at("2026-11-29T17:00:00Z")), "SL261130-000123");
  EXPECT_EQ(public_number(1234567, at("2026-01-02T01:00:00Z")), "SL260102-1234567");
}

TEST(AppealText, SummariesAreCutAtCharacterBoundaries) {
  std::string text = "噪音扰民";  // 12 bytes, 3 per character
  EXPECT_EQ(utf8_prefix(text, 12), text);
  EXPECT_EQ(utf8_prefix(text, 6), "噪音…");
  EXPECT_EQ(utf8_prefix(text, 7), "噪音…");
  EXPECT_EQ(utf8_prefix(text, 8), "噪音…");
  EXPECT_EQ(utf8_prefix("abc", 2), "ab…");
}
