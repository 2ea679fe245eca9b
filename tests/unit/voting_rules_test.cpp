// The voting rules against the law's arithmetic, at, just below and just above every
// threshold: simple majority, two-thirds, the residents' meeting (Urban Residents'
// Committee Organization Law art. 9) and the owners' meeting (Civil Code art. 278, with
// owners counted as the SPC interpretation on building co-ownership arts. 8-9 says).
#include <gtest/gtest.h>

#include "silian/modules/deliberation/domain/voting.hpp"

namespace silian::deliberation {
namespace {
// Heads only: present, yes (the rest vote no).
Tally heads(std::int64_t present, std::int64_t yes) {
  Tally t;
  t.present_heads = present;
  t.yes_heads = yes;
  t.no_heads = present - yes;
  return t;
}
// Heads and area.
Tally owners(std::int64_t present, std::int64_t yes, std::int64_t present_area,
             std::int64_t yes_area) {
  Tally t = heads(present, yes);
  t.present_area = present_area;
  t.yes_area = yes_area;
  t.no_area = present_area - yes_area;
  return t;
}
}  // namespace

TEST(Fraction, MoreThanHalfIsStrict) {
  Fraction half{1, 2, true};
  EXPECT_FALSE(half.met(5, 10));
  EXPECT_TRUE(half.met(6, 10));
  EXPECT_FALSE(half.met(4, 10));
  EXPECT_TRUE(half.met(6, 11));
  EXPECT_FALSE(half.met(5, 11));
  EXPECT_FALSE(half.met(0, 0));  // nobody: never met
}

TEST(Fraction, AtLeastIncludesTheNumberItself) {
  Fraction two_thirds{2, 3, false};
  EXPECT_TRUE(two_thirds.met(2, 3));
  EXPECT_TRUE(two_thirds.met(200, 300));
  EXPECT_FALSE(two_thirds.met(199, 300));
  EXPECT_TRUE(two_thirds.met(201, 300));
  // 7 voters: two-thirds is 4.67, so 5 is needed.
  EXPECT_FALSE(two_thirds.met(4, 7));
  EXPECT_TRUE(two_thirds.met(5, 7));
}

TEST(Fraction, LargeAreasStayExact) {
  // Products beyond 64 bits must not overflow.
  std::int64_t whole = 3'000'000'000'000'000'000LL;
  EXPECT_TRUE((Fraction{3, 4, false}.met(whole / 4 * 3, whole)));
  EXPECT_FALSE((Fraction{3, 4, false}.met(whole / 4 * 3 - 1, whole)));
}

TEST(SimpleMajority, MoreThanHalfOfThosePresent) {
  auto rule = simple_majority();
  EXPECT_FALSE(decide(rule, heads(10, 5), {}).passed);  // exactly half
  EXPECT_TRUE(decide(rule, heads(10, 6), {}).passed);
  EXPECT_FALSE(decide(rule, heads(10, 4), {}).passed);
  EXPECT_TRUE(decide(rule, heads(11, 6), {}).passed);
  EXPECT_FALSE(decide(rule, heads(11, 5), {}).passed);
}

TEST(SimpleMajority, AbstentionsCountAsPresent) {
  Tally t;
  t.present_heads = 10;
  t.yes_heads = 5;
  t.no_heads = 2;
  t.abstain_heads = 3;
  auto o = decide(simple_majority(), t, {});
  EXPECT_FALSE(o.passed);  // 5 of 10 present is not more than half, though 5 > 2
  EXPECT_EQ(o.reason, "vote_rejected_heads");
}

TEST(TwoThirds, AtLeastTwoThirdsOfThosePresent) {
  auto rule = two_thirds();
  EXPECT_TRUE(decide(rule, heads(9, 6), {}).passed);  // exactly two-thirds
  EXPECT_FALSE(decide(rule, heads(9, 5), {}).passed);
  EXPECT_TRUE(decide(rule, heads(9, 7), {}).passed);
  EXPECT_TRUE(decide(rule, heads(10, 7), {}).passed);   // 0.70
  EXPECT_FALSE(decide(rule, heads(10, 6), {}).passed);  // 0.60
}

TEST(ResidentsMeeting, QuorumIsMoreThanHalfOfTheElectorate) {
  auto rule = residents_meeting();
  Electorate e{100, 0};
  auto at = decide(rule, heads(50, 50), e);  // exactly half attend: not held
  EXPECT_FALSE(at.quorum_met);
  EXPECT_FALSE(at.passed);
  EXPECT_EQ(at.reason, "vote_no_quorum_heads");
  EXPECT_TRUE(decide(rule, heads(51, 51), e).quorum_met);
  EXPECT_FALSE(decide(rule, heads(49, 49), e).quorum_met);
  // Odd electorate: 101 adults, half is 50.5.
  EXPECT_TRUE(decide(rule, heads(51, 51), {101, 0}).quorum_met);
  EXPECT_FALSE(decide(rule, heads(50, 50), {101, 0}).quorum_met);
}

TEST(ResidentsMeeting, DecisionIsMoreThanHalfOfThosePresent) {
  auto rule = residents_meeting();
  Electorate e{100, 0};
  EXPECT_TRUE(decide(rule, heads(51, 26), e).passed);
  EXPECT_FALSE(decide(rule, heads(52, 26), e).passed);  // exactly half of those present
  EXPECT_TRUE(decide(rule, heads(52, 27), e).passed);
  EXPECT_FALSE(decide(rule, heads(51, 25), e).passed);
  // Those present who did not vote still count: 60 present, 31 yes, 20 no, 9 silent.
  Tally t = heads(60, 31);
  t.no_heads = 20;
  EXPECT_TRUE(decide(rule, t, e).passed);
  t.yes_heads = 30;
  EXPECT_FALSE(decide(rule, t, e).passed);
}

// An estate of 300 owners and 30,000.00 m² of exclusive area.
const Electorate k_estate{300, 3'000'000};

TEST(OwnersMeeting, ParticipationNeedsTwoThirdsOfOwnersAndOfArea) {
  auto rule = owners_ordinary();
  // Both exactly two-thirds: held.
  EXPECT_TRUE(decide(rule, owners(200, 200, 2'000'000, 2'000'000), k_estate).quorum_met);
  // One owner short.
  auto o = decide(rule, owners(199, 199, 2'500'000, 2'500'000), k_estate);
  EXPECT_FALSE(o.quorum_met);
  EXPECT_EQ(o.reason, "vote_no_quorum_heads");
  // Enough owners, a hundredth of a square metre short of two-thirds of the area.
  o = decide(rule, owners(250, 250, 1'999'999, 1'999'999), k_estate);
  EXPECT_FALSE(o.quorum_met);
  EXPECT_EQ(o.reason, "vote_no_quorum_area");
  EXPECT_TRUE(decide(rule, owners(201, 201, 2'000'001, 2'000'001), k_estate).quorum_met);
}

TEST(OwnersMeeting, OrdinaryMattersNeedMoreThanHalfOfBoth) {
  auto rule = owners_ordinary();
  // 200 owners holding 2,000,000 take part.
  EXPECT_TRUE(decide(rule, owners(200, 101, 2'000'000, 1'000'001), k_estate).passed);
  auto o = decide(rule, owners(200, 100, 2'000'000, 1'500'000), k_estate);  // half the owners
  EXPECT_FALSE(o.passed);
  EXPECT_EQ(o.reason, "vote_rejected_heads");
  o = decide(rule, owners(200, 150, 2'000'000, 1'000'000), k_estate);  // half the area
  EXPECT_FALSE(o.passed);
  EXPECT_EQ(o.reason, "vote_rejected_area");
  EXPECT_FALSE(decide(rule, owners(200, 99, 2'000'000, 1'900'000), k_estate).passed);
}

TEST(OwnersMeeting, MajorMattersNeedThreeQuartersOfBoth) {
  auto rule = owners_major();
  EXPECT_TRUE(decide(rule, owners(200, 150, 2'000'000, 1'500'000), k_estate).passed);  // exactly
  EXPECT_FALSE(decide(rule, owners(200, 149, 2'000'000, 1'600'000), k_estate).passed);
  auto o = decide(rule, owners(200, 160, 2'000'000, 1'499'999), k_estate);
  EXPECT_FALSE(o.passed);
  EXPECT_EQ(o.reason, "vote_rejected_area");
  EXPECT_TRUE(decide(rule, owners(200, 151, 2'000'000, 1'500'001), k_estate).passed);
  // An ordinary majority is not enough for a major matter.
  EXPECT_TRUE(decide(owners_ordinary(), owners(200, 140, 2'000'000, 1'400'000), k_estate).passed);
  EXPECT_FALSE(decide(rule, owners(200, 140, 2'000'000, 1'400'000), k_estate).passed);
}

TEST(OwnersMeeting, NoElectorateMeansNoQuorum) {
  EXPECT_FALSE(decide(owners_ordinary(), owners(0, 0, 0, 0), {0, 0}).quorum_met);
  EXPECT_FALSE(decide(residents_meeting(), heads(0, 0), {0, 0}).quorum_met);
}

TEST(OwnersCounting, EachExclusivePartIsOneOwner) {
  auto list = owners_of({{"1-1-101", "wang", 8650, false}, {"1-1-102", "li", 9000, false}});
  ASSERT_EQ(list.size(), 2u);
  auto e = owners_electorate(list);
  EXPECT_EQ(e.heads, 2);
  EXPECT_EQ(e.area, 17650);
}

TEST(OwnersCounting, OneBuyerOfSeveralPartsIsOneOwnerWithAllTheArea) {
  auto list = owners_of({{"1-1-101", "wang", 8650, false},
                         {"1-1-102", "wang", 9000, false},
                         {"2-1-301", "zhao", 12000, false}});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].holder, "wang");
  EXPECT_EQ(list[0].area, 17650);
  EXPECT_EQ(list[0].parts, 2);
  auto e = owners_electorate(list);
  EXPECT_EQ(e.heads, 2);
  EXPECT_EQ(e.area, 29650);
}

TEST(OwnersCounting, TheDevelopersUnsoldPartsAreOneOwner) {
  // Three unsold flats (whatever holder the register shows) and one sold but not yet
  // delivered count as the developer, once; a delivered flat counts on its own.
  auto list = owners_of({{"3-1-101", "", 9000, true},
                         {"3-1-102", "", 9000, true},
                         {"3-1-201", "", 9000, true},
                         {"3-1-202", "sun", 9500, true},
                         {"3-1-301", "qian", 9500, false}});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].holder, k_developer);
  EXPECT_EQ(list[0].area, 36500);
  EXPECT_EQ(list[0].parts, 4);
  EXPECT_EQ(owners_electorate(list).heads, 2);
}

TEST(Rules, StandardRulesAreValidAndFoundByCode) {
  for (const auto& r : standard_rules()) {
    EXPECT_EQ(validate(r), "") << r.code;
    auto found = find_standard_rule(r.code);
    ASSERT_TRUE(found) << r.code;
    EXPECT_EQ(found->approval.numerator, r.approval.numerator);
  }
  EXPECT_FALSE(find_standard_rule("unanimity"));
}

TEST(Rules, AnApprovalThatCouldPassBothSidesIsRefused) {
  VotingRule r{"custom", Measure::heads, std::nullopt, {1, 3, false}};
  EXPECT_EQ(validate(r), "vote_rule_below_half");
  r.approval = {1, 2, false};  // "at least half": 5 to 5 would pass either way
  EXPECT_EQ(validate(r), "vote_rule_below_half");
  r.approval = {1, 2, true};
  EXPECT_EQ(validate(r), "");
  r.approval = {3, 5, false};
  EXPECT_EQ(validate(r), "");
  r.approval = {0, 2, true};
  EXPECT_EQ(validate(r), "vote_rule_bad_fraction");
  r.approval = {3, 2, false};
  EXPECT_EQ(validate(r), "vote_rule_bad_fraction");
  r.approval = {1, 1, true};  // more than all: impossible
  EXPECT_EQ(validate(r), "vote_rule_bad_fraction");
  r.approval = {1, 2, true};
  r.quorum = Fraction{0, 1, false};
  EXPECT_EQ(validate(r), "vote_rule_bad_fraction");
  r.code = "";
  EXPECT_EQ(validate(r), "vote_rule_code_required");
}

TEST(Choices, ParseAndName) {
  for (auto c : {Choice::yes, Choice::no, Choice::abstain})
    EXPECT_EQ(parse_choice(choice_name(c)), c);
  EXPECT_FALSE(parse_choice("maybe"));
  EXPECT_FALSE(parse_choice(""));
}

TEST(Area, ParsedInHundredthsOfASquareMetre) {
  EXPECT_EQ(parse_area("86.5"), 8650);
  EXPECT_EQ(parse_area("86.50"), 8650);
  EXPECT_EQ(parse_area("86"), 8600);
  EXPECT_EQ(parse_area("0.01"), 1);
  EXPECT_FALSE(parse_area("86.505"));
  EXPECT_FALSE(parse_area("-1"));
  EXPECT_FALSE(parse_area("0"));
  EXPECT_FALSE(parse_area(".5"));
  EXPECT_FALSE(parse_area("5."));
  EXPECT_FALSE(parse_area("86,5"));
  EXPECT_FALSE(parse_area(""));
  EXPECT_FALSE(parse_area("1234567890123"));
  EXPECT_EQ(format_area(8650), "86.50");
  EXPECT_EQ(format_area(1), "0.01");
  EXPECT_EQ(format_area(9000), "90.00");
}
}  // namespace silian::deliberation
