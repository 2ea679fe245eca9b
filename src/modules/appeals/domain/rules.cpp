#include "silian/modules/appeals/domain/rules.hpp"

#include <cmath>
#include <cstdio>

#include "silian/modules/appeals/domain/calendar.hpp"

namespace silian::appeals {
bool is_open(const std::string& status) { return status != "closed"; }

bool allowed(Action action, const std::string& s) {
  switch (action) {
    case Action::dispatch:
      return s == "awaiting_dispatch";
    case Action::give_back:
      return s == "dispatched";
    case Action::respond:
      return s == "dispatched";
    case Action::note:
      return is_open(s);
    case Action::reply:
      return s == "in_progress";
    case Action::extend:
      return s == "dispatched" || s == "in_progress";
    case Action::rate:
    case Action::visit:
      return s == "replied";
    case Action::review:
      return s == "review";
  }
  return false;
}

std::optional<Rating> parse_rating(const std::string& t) {
  if (t == "satisfied") return Rating::satisfied;
  if (t == "basic") return Rating::basic;
  if (t == "unsatisfied") return Rating::unsatisfied;
  return std::nullopt;
}

std::string rating_name(Rating r) {
  switch (r) {
    case Rating::satisfied:
      return "satisfied";
    case Rating::basic:
      return "basic";
    case Rating::unsatisfied:
      return "unsatisfied";
  }
  return "";
}

std::string status_after_rating(Rating r, std::int64_t reopen_count) {
  if (r != Rating::unsatisfied) return "closed";
  return reopen_count == 0 ? "in_progress" : "review";
}

std::int64_t next_level(std::int64_t level) { return level >= k_top_level ? level : level + 1; }

KpiRates rates(const KpiCounts& c, const KpiWeights& w) {
  KpiRates r;
  if (c.dispatched > 0) r.response = static_cast<double>(c.responded_on_time) / c.dispatched;
  if (c.rated > 0) {
    r.resolution = static_cast<double>(c.resolved) / c.rated;
    r.satisfaction = (c.satisfied + c.basic * w.basic_counts_as) / c.rated;
  }
  double sum = 0, weight = 0;
  auto add = [&](const std::optional<double>& v, double wt) {
    if (v && wt > 0) {
      sum += *v * wt;
      weight += wt;
    }
  };
  add(r.response, w.response);
  add(r.resolution, w.resolution);
  add(r.satisfaction, w.satisfaction);
  if (weight > 0) r.composite = sum / weight;
  return r;
}

bool valid_weights(const KpiWeights& w) {
  for (double v : {w.response, w.resolution, w.satisfaction, w.basic_counts_as})
    if (!(v >= 0 && v <= 1)) return false;
  return std::fabs(w.response + w.resolution + w.satisfaction - 1.0) < 0.001;
}

std::string public_number(std::int64_t id, std::int64_t received_at) {
  auto d = local_date(received_at);  // 2026-11-29
  char buf[48];
  std::snprintf(buf, sizeof buf, "SL%s%s%s-%06lld", d.substr(2, 2).c_str(), d.substr(5, 2).c_str(),
                d.substr(8, 2).c_str(), static_cast<long long>(id));
  return buf;
}
}  // namespace silian::appeals
