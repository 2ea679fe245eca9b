#pragma once
// The appeal's closed loop as data: which step may follow which, what a rating leads to,
// how escalation climbs, and the three rates (三率). No SQL and no HTTP here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace silian::appeals {
// awaiting_dispatch -> dispatched -> in_progress -> replied -> closed
//                         ^  (return) |                  | not satisfied, first time
//                         +-----------+                  v
//                                          in_progress (reopened) -> replied -> review -> closed
enum class Action {
  dispatch,   // the street centre (or district) names the lead and assisting units
  give_back,  // 派单异议: the lead unit returns a wrongly dispatched appeal with a reason
  respond,    // the lead unit accepts and responds
  note,       // internal note (any handler, any open status)
  reply,      // the public reply that reports the resolution
  extend,     // a new resolution deadline, with a reason the resident sees
  rate,       // the resident's rating
  visit,      // staff record a return visit (回访) when the resident did not rate
  review,     // the district concludes an appeal still unsatisfied after reopening
};

// Whether `action` may be taken while the appeal is in `status`.
bool allowed(Action action, const std::string& status);
bool is_open(const std::string& status);  // not closed

enum class Rating { satisfied, basic, unsatisfied };
std::optional<Rating> parse_rating(const std::string& text);
std::string rating_name(Rating r);

// After a rating (or a return visit) on a replied appeal: the next status. A first
// "not satisfied" reopens the appeal; a second goes to review.
std::string status_after_rating(Rating r, std::int64_t reopen_count);

// Escalation climbs one level per missed deadline: 0 handler's level, 1 street, 2 district.
inline constexpr std::int64_t k_top_level = 2;
std::int64_t next_level(std::int64_t level);

// Objections to a dispatch are accepted within this many working hours of it.
inline constexpr std::int64_t k_objection_hours = 24;

struct KpiCounts {
  std::int64_t dispatched = 0, responded_on_time = 0, rated = 0, resolved = 0, satisfied = 0,
               basic = 0, unsatisfied = 0;
};
struct KpiWeights {
  double response = 0.10, resolution = 0.45, satisfaction = 0.45;
  double basic_counts_as = 1.0;  // weight of "basically satisfied" in the satisfaction rate
};
struct KpiRates {
  std::optional<double> response, resolution, satisfaction;  // nullopt: nothing to rate
  std::optional<double> composite;
};
// response = responded on time / dispatched; resolution = resolved / rated;
// satisfaction = (satisfied + basic * basic_counts_as) / rated; composite = weighted mean
// of the rates that exist, renormalised over their weights. Rates are 0..1.
KpiRates rates(const KpiCounts& c, const KpiWeights& w);
// Weights must be in [0, 1], sum to 1 (within 0.001), and basic_counts_as in [0, 1].
bool valid_weights(const KpiWeights& w);

// SL261129-000123: "SL", the local date of receipt (yymmdd), the record id.
std::string public_number(std::int64_t id, std::int64_t received_at);
}  // namespace silian::appeals
