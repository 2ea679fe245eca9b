#include "silian/modules/appeals/module.hpp"

#include "silian/modules/appeals/http/access.hpp"
#include "silian/modules/appeals/http/route_groups.hpp"
#include "silian/modules/appeals/seed/demo_seed.hpp"
#include "silian/modules/appeals/service/flow.hpp"
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/exports/table_export.hpp"
#include "silian/platform/platform.hpp"

namespace silian::appeals {
namespace {
const std::vector<std::string> k_handlers = {
    "community_worker",   "community_director", "grid_worker", "street_officer",
    "department_officer", "district_admin",     "leader"};

const std::map<std::string, std::string> k_status_zh = {
    {"awaiting_dispatch", "待派单"}, {"dispatched", "已派单"}, {"in_progress", "办理中"},
    {"replied", "已答复"},           {"review", "复核中"},     {"closed", "已办结"}};
const std::map<std::string, std::string> k_rating_zh = {
    {"satisfied", "满意"}, {"basic", "基本满意"}, {"unsatisfied", "不满意"}};

// The appeal ledger (诉求台账) of what this user may see, newest first.
ExportFile ledger_xlsx(Platform& p, const auth::Principal& who) {
  auto lease = p.db->lease();
  Filter f;
  restrict_to_user(who, f);
  exports::Table t{"诉求台账",
                   {"编号", "受理时间", "渠道", "类别", "社区", "网格", "诉求内容", "状态",
                    "承办单位", "响应时限", "办理时限", "响应时间", "答复时间", "评价", "是否解决"},
                   {}};
  for (const auto& a : search(lease, f, 10000, 0)) {
    auto it = k_status_zh.find(a.status);
    auto rt = k_rating_zh.find(a.rating);
    t.rows.push_back({a.public_no, format_local_minutes(a.received_at), a.channel, a.category_name,
                      a.community_name, a.grid_name, a.description,
                      it == k_status_zh.end() ? a.status : it->second, a.lead_unit_name,
                      a.response_due ? format_deadline(a.response_due) : "",
                      a.resolve_due ? format_deadline(a.resolve_due) : "",
                      a.responded_at ? format_local_minutes(a.responded_at) : "",
                      a.replied_at ? format_local_minutes(a.replied_at) : "",
                      rt == k_rating_zh.end() ? "" : rt->second,
                      a.rating.empty() ? "" : (a.resolved ? "是" : "否")});
  }
  return {"silian-appeal-ledger.xlsx", exports::k_xlsx_type, exports::to_xlsx({t})};
}

std::vector<Counter> stats(Platform& p, const auth::Principal& who) {
  std::vector<Counter> out;
  if (!who.has_any_role(k_handlers)) return out;
  auto lease = p.db->lease();
  auto now = p.clock.now();
  Filter open;
  open.status = "open";
  restrict_to_user(who, open);
  auto count = [&](const Filter& f) { return count_appeals(lease, f, 999); };
  out.push_back({"counter_appeals_open", count(open), "/appeals?status=open", false});
  Filter overdue = open;
  overdue.overdue = true;
  overdue.now = now;
  out.push_back({"counter_appeals_overdue", count(overdue), "/appeals?overdue=1", true});
  if (who.has_any_role({"street_officer", "district_admin"})) {
    Filter waiting = open;
    waiting.status = "awaiting_dispatch";
    out.push_back(
        {"counter_appeals_to_dispatch", count(waiting), "/appeals?status=awaiting_dispatch", true});
  }
  return out;
}
}  // namespace

Module appeals_module() {
  Module m;
  m.name = "appeals";
  m.migrations = "src/modules/appeals/migrations/";
  m.tables = {"appeal_categories", "holidays",     "appeal_service_points", "api_keys",
              "appeals",           "appeal_units", "appeal_events",         "appeal_attachments",
              "appeal_kpis"};
  m.permissions = {
      {"appeals.submit", {"resident"}},
      {"appeals.intake",
       {"community_worker", "community_director", "grid_worker", "street_officer"}},
      {"appeals.handle", k_handlers},
      {"appeals.dispatch", {"street_officer", "district_admin"}},
      {"appeals.review", {"district_admin"}},
      {"appeals.kpi", k_handlers},
      {"appeals.admin", {"district_admin"}},
  };
  m.routes = [](http::Router& r) {
    register_resident_routes(r);
    register_staff_routes(r);
    register_kpi_routes(r);
    register_admin_routes(r);
    register_open311_routes(r);
  };
  m.jobs = {
      {k_deadline_job, [](jobs::JobContext& j) { run_deadline_job(j.lease, j.payload, j.now); }}};
  m.nav = {{"nav_appeal_new", "/appeals/new", "appeals.submit"},
           {"nav_my_appeals", "/my/appeals", "appeals.submit"},
           {"nav_appeals", "/appeals", "appeals.handle"},
           {"nav_appeal_kpi", "/kpi/appeals", "appeals.kpi"},
           {"nav_appeal_admin", "/admin/appeals", "appeals.admin"},
           {"nav_board", "/board", "public"}};
  m.stats = stats;
  m.exports = {{"appeal-ledger-xlsx", "export_appeal_ledger", "appeals.handle", ledger_xlsx}};
  m.seed = seed_demo;
  m.after_restore = [](Platform&, db::Lease& lease) { rebuild_search_index(lease); };
  return m;
}
}  // namespace silian::appeals
