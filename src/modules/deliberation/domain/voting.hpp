#pragma once
// Voting rules as data, and the law's arithmetic that applies them. No SQL, no HTTP.
//
// A rule is a quorum (participation against the electorate) and an approval threshold
// (yes votes against those present), each a fraction that is either "more than" (过半数,
// strictly above) or "at least" (三分之二以上: in PRC law 以上 includes the number itself,
// Civil Code art. 1259), counted by heads and, for owners' meetings, also by exclusive
// floor area; with both, both must hold (Civil Code art. 278's double majority).
// Everything is integer arithmetic (area in hundredths of a square metre), so exactly
// two-thirds is exactly two-thirds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace silian::deliberation {
struct Fraction {
  std::int64_t numerator = 1;
  std::int64_t denominator = 2;
  bool strictly_more = true;  // true: more than (过半数); false: at least (以上)
  // Whether part out of whole meets the fraction. A whole of zero never does.
  bool met(std::int64_t part, std::int64_t whole) const;
  bool valid() const;
};

// What a rule counts.
enum class Measure {
  heads,           // one voter, one vote
  heads_and_area,  // owners: by owners and by exclusive floor area, both
};

struct VotingRule {
  std::string code;  // e.g. "simple_majority"
  Measure measure = Measure::heads;
  std::optional<Fraction> quorum;  // of the electorate; none: no quorum
  Fraction approval;               // yes votes of those present
};

// The rules the law and common council rules set (seeded; administrators may add more).
VotingRule simple_majority();    // more than half of those present
VotingRule two_thirds();         // at least two-thirds of those present
VotingRule residents_meeting();  // Urban Residents' Committee Organization Law art. 9
VotingRule owners_ordinary();    // Civil Code art. 278, ordinary matters (incl. using the fund)
VotingRule owners_major();       // art. 278 items 6-8: raising the fund, rebuilding, changing use
std::vector<VotingRule> standard_rules();
std::optional<VotingRule> find_standard_rule(std::string_view code);
// Empty when the rule is sound; otherwise an i18n key naming the problem.
std::string validate(const VotingRule& rule);

// Who may take part: heads (adult residents, households or group representatives for a
// residents' meeting; owners for an owners' meeting) and, for owners, the total floor area.
struct Electorate {
  std::int64_t heads = 0;
  std::int64_t area = 0;  // hundredths of a square metre
};

enum class Choice { yes, no, abstain };
std::optional<Choice> parse_choice(std::string_view text);
std::string choice_name(Choice c);

// Counts at the close. `present` is everyone who attended or cast a ballot (those who
// abstain, or attend without voting, still count as present).
struct Tally {
  std::int64_t present_heads = 0, yes_heads = 0, no_heads = 0, abstain_heads = 0;
  std::int64_t present_area = 0, yes_area = 0, no_area = 0, abstain_area = 0;
};

struct Outcome {
  bool quorum_met = false;
  bool passed = false;
  // i18n key of the reason: "vote_passed", "vote_no_quorum_heads", "vote_no_quorum_area",
  // "vote_rejected_heads", "vote_rejected_area".
  std::string reason;
};
Outcome decide(const VotingRule& rule, const Tally& tally, const Electorate& electorate);

// Owners counted as the Supreme People's Court interpretation on building co-ownership
// (arts. 8-9) says: area is the registered area of each exclusive part; each exclusive
// part is one owner, except that a developer's unsold (or sold but undelivered) parts
// together count as one owner, and so do the several parts of one buyer.
struct ExclusivePart {
  std::string id;      // the unit's own identifier (building-unit-room)
  std::string holder;  // the registered owner (a co-owned part has one holder key)
  std::int64_t area = 0;
  bool developer_held = false;  // unsold, or sold but not delivered
};
// One voting owner: a holder key (the developer's is "developer") and the area behind it.
struct Owner {
  std::string holder;
  std::int64_t area = 0;
  std::int64_t parts = 0;
};
inline constexpr std::string_view k_developer = "developer";
std::vector<Owner> owners_of(const std::vector<ExclusivePart>& parts);
Electorate owners_electorate(const std::vector<Owner>& owners);

// Parses an area written in square metres with at most two decimals ("86.5") into
// hundredths; nothing for anything else (negative, three decimals, text).
std::optional<std::int64_t> parse_area(std::string_view text);
std::string format_area(std::int64_t hundredths);  // 8650 -> "86.50"
}  // namespace silian::deliberation
