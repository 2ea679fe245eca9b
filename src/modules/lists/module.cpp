#include "silian/modules/lists/module.hpp"

#include "silian/modules/lists/domain/lists.hpp"
#include "silian/modules/lists/http/route_groups.hpp"
#include "silian/modules/lists/seed/demo_seed.hpp"
#include "silian/modules/lists/storage/burden_store.hpp"
#include "silian/modules/lists/storage/list_store.hpp"
#include "silian/modules/lists/storage/task_store.hpp"
#include "silian/platform/exports/table_export.hpp"
#include "silian/platform/platform.hpp"

namespace silian::lists {
namespace {
const char* kind_label(const std::string& kind) {
  if (kind == "duty") return "社区依法履职事项";
  if (kind == "assistance") return "社区协助政府工作事项";
  return "政府行政事务";
}

exports::Table list_table(db::Lease& lease, const std::string& kind) {
  exports::Table t{
      kind_label(kind), {"编号", "事项", "说明", "依据", "责任部门", "经费（费随事转）"}, {}};
  if (auto v = published_version(lease, kind))
    for (const auto& i : items_of(lease, v->id))
      t.rows.push_back(
          {i.code, i.title, i.description, i.legal_basis, i.department_name, i.funding});
  return t;
}

exports::Table burden_table(db::Lease& lease) {
  static const std::map<std::string, std::string> kinds{{"evaluation", "创建达标评比"},
                                                        {"ledger", "台账"},
                                                        {"signboard", "机构牌子"},
                                                        {"platform", "网络平台"},
                                                        {"certificate", "盖章证明"}};
  static const std::map<std::string, std::string> statuses{
      {"retained", "保留"}, {"merged", "合并"}, {"cancelled", "取消"}};
  exports::Table t{"社区负担目录",
                   {"编号", "类别", "名称", "设立部门", "处理", "并入", "决定日期", "决定文件"},
                   {}};
  for (const auto& b : burden_items(lease, "", ""))
    t.rows.push_back({b.code, kinds.at(b.kind), b.name, b.imposed_by_name, statuses.at(b.status),
                      b.merged_into_name, b.decided_on, b.decision_document});
  return t;
}

ExportFile lists_xlsx(Platform& p, const auth::Principal&) {
  auto lease = p.db->lease();
  std::vector<exports::Table> tables;
  for (auto k : k_list_kinds) tables.push_back(list_table(lease, std::string(k)));
  return {"silian-lists.xlsx", exports::k_xlsx_type, exports::to_xlsx(tables)};
}

ExportFile assistance_csv(Platform& p, const auth::Principal&) {
  auto lease = p.db->lease();
  return {"silian-assistance-items.csv", exports::k_csv_type,
          exports::to_csv(list_table(lease, "assistance"))};
}

ExportFile burden_xlsx(Platform& p, const auth::Principal&) {
  auto lease = p.db->lease();
  return {"silian-burden-catalogue.xlsx", exports::k_xlsx_type,
          exports::to_xlsx({burden_table(lease)})};
}

ExportFile burden_csv(Platform& p, const auth::Principal&) {
  auto lease = p.db->lease();
  return {"silian-burden-catalogue.csv", exports::k_csv_type, exports::to_csv(burden_table(lease))};
}

std::vector<Counter> stats(Platform& p, const auth::Principal& who) {
  std::vector<Counter> out;
  auto lease = p.db->lease();
  for (const auto& r : who.roles)
    if (r.role == "street_officer" || r.role == "district_admin") {
      out.push_back(
          {"counter_tasks_to_approve", pending_count(lease, r.unit_path), "/tasks", true});
      break;
    }
  if (who.has_role("district_admin"))
    out.push_back(
        {"counter_open_reports", open_report_count(lease), "/admin/burden-reports", true});
  return out;
}
}  // namespace

Module lists_module() {
  Module m;
  m.name = "lists";
  m.migrations = "src/modules/lists/migrations/";
  m.tables = {"list_versions",         "list_items",        "burden_items",  "work_tasks",
              "work_task_communities", "work_task_burdens", "burden_reports"};
  m.permissions = {
      {"lists.manage", {"district_admin"}},
      {"lists.tasks.file", {"department_officer"}},
      {"lists.tasks.read", {"department_officer", "street_officer", "district_admin"}},
      {"lists.tasks.approve", {"street_officer", "district_admin"}},
      {"lists.tasks.community", {"community_worker", "community_director", "grid_worker"}},
      {"lists.burden.manage", {"district_admin"}},
      {"lists.reports.file", {"community_worker", "community_director"}},
      {"lists.reports.answer", {"district_admin"}},
  };
  m.routes = [](http::Router& r) {
    register_list_routes(r);
    register_task_routes(r);
    register_burden_routes(r);
  };
  m.nav = {{"nav_lists", "/lists", "public"},
           {"nav_burden", "/burden", "public"},
           {"nav_tasks", "/tasks", "lists.tasks.read"},
           {"nav_community_tasks", "/community/tasks", "lists.tasks.community"},
           {"nav_reports", "/community/burden-reports", "lists.reports.file"},
           {"nav_reports_admin", "/admin/burden-reports", "lists.reports.answer"},
           {"nav_lists_admin", "/admin/lists/assistance", "lists.manage"}};
  m.stats = stats;
  m.exports = {{"lists-xlsx", "export_lists_xlsx", "authenticated", lists_xlsx},
               {"assistance-csv", "export_assistance_csv", "authenticated", assistance_csv},
               {"burden-xlsx", "export_burden_xlsx", "authenticated", burden_xlsx},
               {"burden-csv", "export_burden_csv", "authenticated", burden_csv}};
  m.seed = seed_demo;
  return m;
}
}  // namespace silian::lists
