#include "silian/modules/deliberation/domain/voting.hpp"

#include <map>

namespace silian::deliberation {
bool Fraction::met(std::int64_t part, std::int64_t whole) const {
  if (whole <= 0 || part < 0) return false;
  // part / whole > n / d  <=>  part * d > n * whole (all positive); __int128 keeps the
  // products exact for any area a district can have.
  auto left = static_cast<__int128>(part) * denominator;
  auto right = static_cast<__int128>(numerator) * whole;
  return strictly_more ? left > right : left >= right;
}

bool Fraction::valid() const {
  return numerator > 0 && denominator > 0 && numerator <= denominator &&
         !(strictly_more && numerator == denominator);
}

VotingRule simple_majority() {
  return {"simple_majority", Measure::heads, std::nullopt, {1, 2, true}};
}

VotingRule two_thirds() { return {"two_thirds", Measure::heads, std::nullopt, {2, 3, false}}; }

// Art. 9: the meeting may be held only if more than half of the adult residents (or of
// the household representatives, or of the group representatives) attend; its decisions
// take more than half of those present.
VotingRule residents_meeting() {
  return {"residents_meeting", Measure::heads, Fraction{1, 2, true}, {1, 2, true}};
}

// Art. 278: owners holding at least two-thirds of the exclusive area and at least
// two-thirds of the owners take part; ordinary matters pass with more than half of the
// participating area and more than half of the participating owners.
VotingRule owners_ordinary() {
  return {"owners_ordinary", Measure::heads_and_area, Fraction{2, 3, false}, {1, 2, true}};
}

// Items 6-8 (raising the maintenance fund; rebuilding; changing the use of common parts
// or running a business on them) need at least three-quarters of both.
VotingRule owners_major() {
  return {"owners_major", Measure::heads_and_area, Fraction{2, 3, false}, {3, 4, false}};
}

std::vector<VotingRule> standard_rules() {
  return {simple_majority(), two_thirds(), residents_meeting(), owners_ordinary(), owners_major()};
}

std::optional<VotingRule> find_standard_rule(std::string_view code) {
  for (auto& r : standard_rules())
    if (r.code == code) return r;
  return std::nullopt;
}

std::string validate(const VotingRule& rule) {
  if (rule.code.empty()) return "vote_rule_code_required";
  if (!rule.approval.valid()) return "vote_rule_bad_fraction";
  if (rule.quorum && !rule.quorum->valid()) return "vote_rule_bad_fraction";
  // Half or less could pass both a proposal and its opposite.
  auto twice = 2 * rule.approval.numerator;
  if (twice < rule.approval.denominator ||
      (twice == rule.approval.denominator && !rule.approval.strictly_more))
    return "vote_rule_below_half";
  return "";
}

std::optional<Choice> parse_choice(std::string_view text) {
  if (text == "yes") return Choice::yes;
  if (text == "no") return Choice::no;
  if (text == "abstain") return Choice::abstain;
  return std::nullopt;
}

std::string choice_name(Choice c) {
  switch (c) {
    case Choice::yes:
      return "yes";
    case Choice::no:
      return "no";
    case Choice::abstain:
      return "abstain";
  }
  return "abstain";
}

Outcome decide(const VotingRule& rule, const Tally& t, const Electorate& e) {
  bool by_area = rule.measure == Measure::heads_and_area;
  Outcome o;
  if (rule.quorum) {
    if (!rule.quorum->met(t.present_heads, e.heads)) return {false, false, "vote_no_quorum_heads"};
    if (by_area && !rule.quorum->met(t.present_area, e.area))
      return {false, false, "vote_no_quorum_area"};
  }
  o.quorum_met = true;
  if (!rule.approval.met(t.yes_heads, t.present_heads)) {
    o.reason = "vote_rejected_heads";
    return o;
  }
  if (by_area && !rule.approval.met(t.yes_area, t.present_area)) {
    o.reason = "vote_rejected_area";
    return o;
  }
  o.passed = true;
  o.reason = "vote_passed";
  return o;
}

std::vector<Owner> owners_of(const std::vector<ExclusivePart>& parts) {
  std::map<std::string, Owner> by_holder;
  std::vector<std::string> order;  // first appearance, for a stable listing
  for (const auto& p : parts) {
    std::string holder = p.developer_held ? std::string(k_developer) : p.holder;
    auto [it, fresh] = by_holder.try_emplace(holder, Owner{holder, 0, 0});
    if (fresh) order.push_back(holder);
    it->second.area += p.area;
    it->second.parts += 1;
  }
  std::vector<Owner> out;
  out.reserve(order.size());
  for (const auto& h : order) out.push_back(by_holder.at(h));
  return out;
}

Electorate owners_electorate(const std::vector<Owner>& owners) {
  Electorate e;
  for (const auto& o : owners) {
    e.heads += 1;
    e.area += o.area;
  }
  return e;
}

std::optional<std::int64_t> parse_area(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t whole = 0, cents = 0;
  std::size_t i = 0, digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits)
    whole = whole * 10 + (text[i] - '0');
  if (digits == 0) return std::nullopt;
  if (i < text.size()) {
    if (text[i] != '.') return std::nullopt;
    ++i;
    std::size_t decimals = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++decimals)
      cents = cents * 10 + (text[i] - '0');
    if (decimals == 0 || decimals > 2 || i != text.size()) return std::nullopt;
    if (decimals == 1) cents *= 10;
  }
  std::int64_t value = whole * 100 + cents;
  if (value <= 0) return std::nullopt;
  return value;
}

std::string format_area(std::int64_t hundredths) {
  std::string cents = std::to_string(hundredths % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return std::to_string(hundredths / 100) + "." + cents;
}
}  // namespace silian::deliberation
