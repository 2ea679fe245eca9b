#include "silian/modules/lists/storage/task_store.hpp"

#include <map>

namespace silian::lists {
namespace {
const char* k_task_select =
    "SELECT t.id, t.department_id, d.name, t.title, t.description, t.due_on, t.assistance_code, "
    "t.assistance_version_id, t.funding, t.approval_unit_id, a.name, a.path, t.status, "
    "t.decision_note, "
    "t.created_at, t.created_by FROM work_tasks t JOIN org_units d ON d.id = t.department_id JOIN "
    "org_units a ON "
    "a.id = "
    "t.approval_unit_id ";

// Communities and demanded entries of many tasks in two queries, not two per task. The
// ids come from the database as integers, so they are written into the IN list directly.
void load_links(db::Lease& lease, std::vector<WorkTask>& tasks) {
  if (tasks.empty()) return;
  std::map<long long, WorkTask*> by_id;
  std::string ids;
  for (auto& t : tasks) {
    by_id[t.id] = &t;
    ids += (ids.empty() ? "" : ",") + std::to_string(t.id);
  }
  long long task = 0, community = 0, burden = 0;
  std::string name;
  soci::statement st =
      (lease.session().prepare << "SELECT w.task_id, w.community_id, u.name FROM "
                                  "work_task_communities w JOIN org_units u ON u.id = "
                                  "w.community_id WHERE w.task_id IN (" +
                                      ids + ") ORDER BY u.path",
       soci::into(task), soci::into(community), soci::into(name));
  st.execute();
  while (st.fetch()) {
    by_id[task]->community_ids.push_back(community);
    by_id[task]->community_names.push_back(name);
  }
  soci::statement bt =
      (lease.session().prepare << "SELECT task_id, burden_item_id FROM work_task_burdens WHERE "
                                  "task_id IN (" +
                                      ids + ")",
       soci::into(task), soci::into(burden));
  bt.execute();
  while (bt.fetch()) by_id[task]->burden_ids.push_back(burden);
}
}  // namespace

std::int64_t insert_task(db::Lease& lease, const WorkTask& t, std::int64_t by, std::int64_t now) {
  auto& s = lease.session();
  long long id = 0, dept = t.department_id, version = t.assistance_version_id,
            approver = t.approval_unit_id, who = by, at = now;
  s << "INSERT INTO work_tasks (department_id, title, description, due_on, assistance_code, "
       "assistance_version_id, funding, approval_unit_id, status, created_by, created_at) VALUES "
       "(:d, :t, :ds, :due, "
       ":c, :v, :f, :a, 'pending', :b, :at) RETURNING id",
      soci::use(dept), soci::use(t.title), soci::use(t.description), soci::use(t.due_on),
      soci::use(t.assistance_code), soci::use(version), soci::use(t.funding), soci::use(approver),
      soci::use(who), soci::use(at), soci::into(id);
  for (auto c : t.community_ids) {
    long long community = c;
    s << "INSERT INTO work_task_communities (task_id, community_id) VALUES (:t, :c)", soci::use(id),
        soci::use(community);
  }
  for (auto b : t.burden_ids) {
    long long burden = b;
    s << "INSERT INTO work_task_burdens (task_id, burden_item_id) VALUES (:t, :b)", soci::use(id),
        soci::use(burden);
  }
  return id;
}

std::vector<WorkTask> tasks(db::Lease& lease, const TaskFilter& f) {
  std::vector<WorkTask> out;
  std::string where = "WHERE 1 = 1";
  std::vector<std::string> args;
  if (f.department_id) {
    where += " AND t.department_id = :d";
    args.push_back(std::to_string(f.department_id));
  }
  if (!f.approval_scope.empty()) {
    where += " AND a.path LIKE :a";
    args.push_back(f.approval_scope + "%");
  }
  if (f.community_id) {
    where += " AND t.id IN (SELECT task_id FROM work_task_communities WHERE community_id = :c)";
    args.push_back(std::to_string(f.community_id));
  }
  if (!f.status.empty()) {
    where += " AND t.status = :s";
    args.push_back(f.status);
  }
  WorkTask t;
  long long id = 0, dept = 0, version = 0, approver = 0, created = 0, creator = 0;
  soci::statement st(lease.session());
  st.alloc();
  for (const auto& a : args) st.exchange(soci::use(a));
  st.exchange(soci::into(id));
  st.exchange(soci::into(dept));
  st.exchange(soci::into(t.department_name));
  st.exchange(soci::into(t.title));
  st.exchange(soci::into(t.description));
  st.exchange(soci::into(t.due_on));
  st.exchange(soci::into(t.assistance_code));
  st.exchange(soci::into(version));
  st.exchange(soci::into(t.funding));
  st.exchange(soci::into(approver));
  st.exchange(soci::into(t.approval_unit_name));
  st.exchange(soci::into(t.approval_unit_path));
  st.exchange(soci::into(t.status));
  st.exchange(soci::into(t.decision_note));
  st.exchange(soci::into(created));
  st.exchange(soci::into(creator));
  st.prepare(std::string(k_task_select) + where + " ORDER BY t.id DESC LIMIT 200");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    t.id = id;
    t.department_id = dept;
    t.assistance_version_id = version;
    t.approval_unit_id = approver;
    t.created_at = created;
    t.created_by = creator;
    out.push_back(t);
  }
  load_links(lease, out);
  return out;
}

std::optional<WorkTask> find_task(db::Lease& lease, std::int64_t id) {
  std::vector<WorkTask> out;
  WorkTask t;
  long long key = id, dept = 0, version = 0, approver = 0, created = 0, creator = 0, found = 0;
  soci::indicator ind = soci::i_null;
  lease.session() << std::string(k_task_select) + "WHERE t.id = :id", soci::use(key),
      soci::into(found, ind), soci::into(dept), soci::into(t.department_name), soci::into(t.title),
      soci::into(t.description), soci::into(t.due_on), soci::into(t.assistance_code),
      soci::into(version), soci::into(t.funding), soci::into(approver),
      soci::into(t.approval_unit_name), soci::into(t.approval_unit_path), soci::into(t.status),
      soci::into(t.decision_note), soci::into(created), soci::into(creator);
  if (ind != soci::i_ok) return std::nullopt;
  t.id = found;
  t.department_id = dept;
  t.assistance_version_id = version;
  t.approval_unit_id = approver;
  t.created_at = created;
  t.created_by = creator;
  std::vector<WorkTask> one{t};
  load_links(lease, one);
  return one.front();
}

bool decide_task(db::Lease& lease, std::int64_t id, const std::string& status,
                 const std::string& note, std::int64_t by, std::int64_t now) {
  long long key = id, who = by, at = now;
  soci::statement st = (lease.session().prepare
                            << "UPDATE work_tasks SET status = :s, decision_note = :n, decided_by "
                               "= :b, decided_at = :t WHERE id = :id AND status = 'pending'",
                        soci::use(status), soci::use(note), soci::use(who), soci::use(at),
                        soci::use(key));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::int64_t pending_count(db::Lease& lease, const std::string& approval_scope) {
  long long n = 0;
  std::string prefix = approval_scope + "%";
  lease.session()
      << "SELECT COUNT(*) FROM work_tasks t JOIN org_units a ON a.id = t.approval_unit_id WHERE "
         "t.status = 'pending' AND a.path LIKE :p",
      soci::use(prefix), soci::into(n);
  return n;
}
}  // namespace silian::lists
