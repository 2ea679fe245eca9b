// The three rates (三率) per handler, community, street and department for a month, a
// ranking by composite score, the weights, and the public board (no personal data).
#include <algorithm>
#include <cmath>
#include <map>

#include "silian/modules/appeals/http/access.hpp"
#include "silian/modules/appeals/http/route_groups.hpp"
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/platform.hpp"

namespace silian::appeals {
namespace {
using http::RequestContext;
using http::Response;

std::string percent(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100);
  return buf;
}

// The composite on a 0-100 scale with one decimal, as rankings are published.
std::string score(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", *v * 100);
  return buf;
}

void add(KpiCounts& into, const KpiCounts& c) {
  into.dispatched += c.dispatched;
  into.responded_on_time += c.responded_on_time;
  into.rated += c.rated;
  into.resolved += c.resolved;
  into.satisfied += c.satisfied;
  into.basic += c.basic;
  into.unsatisfied += c.unsatisfied;
}

std::string month_or_current(RequestContext& ctx) {
  auto m = ctx.query("month");
  if (m.size() == 7 && m[4] == '-' && valid_date(m + "-01")) return m;
  return local_month(ctx.platform.clock.now());
}

struct Ranked {
  std::string name;
  KpiCounts counts;
  KpiRates rates;
};

views::Value table(RequestContext& ctx, std::vector<Ranked> rows) {
  // Ranked by composite score; units with nothing to rate come last.
  std::stable_sort(rows.begin(), rows.end(), [](const Ranked& a, const Ranked& b) {
    return a.rates.composite.value_or(-1) > b.rates.composite.value_or(-1);
  });
  auto out = views::Value::list();
  int rank = 0;
  for (const auto& r : rows) {
    ++rank;
    out.push(views::Value{{"rank", rank},
                          {"name", ctx.script(r.name)},
                          {"dispatched", r.counts.dispatched},
                          {"rated", r.counts.rated},
                          {"response", percent(r.rates.response)},
                          {"resolution", percent(r.rates.resolution)},
                          {"satisfaction", percent(r.rates.satisfaction)},
                          {"composite", score(r.rates.composite)}});
  }
  return out;
}

Response dashboard(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  auto month = month_or_current(ctx);
  auto weights = load_weights(lease);
  auto units = org::all_units(lease);
  std::map<std::int64_t, const org::OrgUnit*> by_id;
  for (const auto& u : units) by_id[u.id] = &u;
  std::map<std::int64_t, KpiCounts> per_unit, per_street, per_account;
  KpiCounts total;
  for (const auto& row : kpi_rows(lease, month)) {
    if (row.subject_kind == "account") {
      add(per_account[row.subject_id], row.counts);
      continue;
    }
    add(per_unit[row.subject_id], row.counts);
    add(total, row.counts);
    // A community's or grid's figures also count for its street.
    auto it = by_id.find(row.subject_id);
    if (it == by_id.end()) continue;
    for (const auto* u = it->second; u;) {
      if (u->kind == "street") {
        add(per_street[u->id], row.counts);
        break;
      }
      auto parent = by_id.find(u->parent_id);
      u = parent == by_id.end() ? nullptr : parent->second;
    }
  }
  std::vector<Ranked> communities, streets, departments, handlers;
  for (const auto& u : units) {
    if (u.kind == "community") {
      auto c = per_unit[u.id];
      communities.push_back({u.name, c, rates(c, weights)});
    } else if (u.kind == "department") {
      auto c = per_unit[u.id];
      departments.push_back({u.name, c, rates(c, weights)});
    } else if (u.kind == "street") {
      auto c = per_street[u.id];
      streets.push_back({u.name, c, rates(c, weights)});
    }
  }
  for (const auto& [account, c] : per_account)
    if (auto a = auth::find_account(lease, account))
      handlers.push_back({a->display_name, c, rates(c, weights)});
  auto overall = rates(total, weights);
  views::Value data{{"month", month},
                    {"dispatched", total.dispatched},
                    {"rated", total.rated},
                    {"response", percent(overall.response)},
                    {"resolution", percent(overall.resolution)},
                    {"satisfaction", percent(overall.satisfaction)},
                    {"communities", table(ctx, communities)},
                    {"streets", table(ctx, streets)},
                    {"departments", table(ctx, departments)},
                    {"handlers", table(ctx, handlers)},
                    {"w_response", std::to_string(weights.response).substr(0, 4)},
                    {"w_resolution", std::to_string(weights.resolution).substr(0, 4)},
                    {"w_satisfaction", std::to_string(weights.satisfaction).substr(0, 4)},
                    {"w_basic", std::to_string(weights.basic_counts_as).substr(0, 4)},
                    {"may_edit", ctx.platform.permissions.allows("appeals.admin", &ctx.user())}};
  return ctx.page("src/modules/appeals/views/kpi.mustache", "appeal_kpi_title", data);
}

Response save(RequestContext& ctx) {
  KpiWeights w;
  try {
    w.response = std::stod(ctx.form("response"));
    w.resolution = std::stod(ctx.form("resolution"));
    w.satisfaction = std::stod(ctx.form("satisfaction"));
    w.basic_counts_as = std::stod(ctx.form("basic"));
  } catch (...) {
    return ctx.error(422, "error_appeal_weights");
  }
  if (!valid_weights(w)) return ctx.error(422, "error_appeal_weights");
  auto lease = ctx.platform.db->lease();
  db::Transaction tx(lease);
  save_weights(lease, w);
  audit::append(lease,
                {ctx.user().account_id, "appeals.weights.save", "settings", "appeals.weight", ""},
                ctx.platform.clock.now());
  tx.commit();
  return ctx.redirect("/kpi/appeals", "notice_saved");
}

Response board(RequestContext& ctx) {
  auto lease = ctx.platform.db->lease();
  Filter f;
  // The public board goes back 100 pages (2,000 appeals); deeper offsets would let
  // anyone make the database walk millions of rows.
  auto page = ctx.page_number();
  if (page > 100) return ctx.error(404, "error_not_found");
  auto found = search(lease, f, 20, (page - 1) * 20);
  bool more = found.size() > 20;
  if (more) found.pop_back();
  auto rows = views::Value::list();
  // Only what the public may see: number, category, community, dates, status and the
  // public reply; never the resident's words, contact or address.
  for (const auto& a : found) {
    views::Value row{{"no", a.public_no},
                     {"category", ctx.script(a.category_name)},
                     {"community", ctx.script(a.community_name)},
                     {"received", format_local_minutes(a.received_at).substr(0, 10)},
                     {"status", status_label(ctx, a.status)}};
    if (!a.public_reply.empty()) row.set("reply", ctx.script(a.public_reply));
    if (!a.rating.empty()) row.set("rating", ctx.t("appeal_rating_" + a.rating));
    rows.push(row);
  }
  auto month = local_month(ctx.platform.clock.now());
  KpiCounts total;
  for (const auto& row : kpi_rows(lease, month))
    if (row.subject_kind == "unit") add(total, row.counts);
  auto r = rates(total, load_weights(lease));
  views::Value data{{"rows", rows},
                    {"month", month},
                    {"response", percent(r.response)},
                    {"resolution", percent(r.resolution)},
                    {"satisfaction", percent(r.satisfaction)},
                    {"empty", found.empty()}};
  if (more) data.set("next_page", page + 1);
  if (page > 1) data.set("prev_page", page - 1);
  return ctx.page("src/modules/appeals/views/board.mustache", "appeal_board_title", data);
}
}  // namespace

void register_kpi_routes(http::Router& router) {
  router.get("/kpi/appeals", "appeals.kpi", dashboard);
  router.post("/kpi/appeals/weights", "appeals.admin", save);
  router.get("/board", "public", board);
}
}  // namespace silian::appeals
