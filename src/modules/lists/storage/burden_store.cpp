#include "silian/modules/lists/storage/burden_store.hpp"

namespace silian::lists {
namespace {
const char* k_burden_select =
    "SELECT b.id, b.kind, b.code, b.name, COALESCE(b.imposed_by, 0), COALESCE(u.name, ''), "
    "b.status, "
    "COALESCE(b.merged_into, 0), COALESCE(m.name, ''), b.decided_on, b.decision_document FROM "
    "burden_items b "
    "LEFT JOIN org_units u ON u.id = b.imposed_by LEFT JOIN burden_items m ON m.id = "
    "b.merged_into ";

std::vector<BurdenItem> query_burden(db::Lease& lease, const std::string& where,
                                     const std::vector<std::string>& args) {
  std::vector<BurdenItem> out;
  BurdenItem b;
  long long id = 0, imposed = 0, merged = 0;
  soci::statement st(lease.session());
  st.alloc();
  for (const auto& a : args) st.exchange(soci::use(a));
  st.exchange(soci::into(id));
  st.exchange(soci::into(b.kind));
  st.exchange(soci::into(b.code));
  st.exchange(soci::into(b.name));
  st.exchange(soci::into(imposed));
  st.exchange(soci::into(b.imposed_by_name));
  st.exchange(soci::into(b.status));
  st.exchange(soci::into(merged));
  st.exchange(soci::into(b.merged_into_name));
  st.exchange(soci::into(b.decided_on));
  st.exchange(soci::into(b.decision_document));
  st.prepare(std::string(k_burden_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    b.id = id;
    b.imposed_by = imposed;
    b.merged_into = merged;
    out.push_back(b);
  }
  return out;
}

const char* k_report_select =
    "SELECT r.id, r.community_id, c.name, c.path, COALESCE(r.department_id, 0), COALESCE(d.name, "
    "''), "
    "r.description, r.status, r.answer, r.created_at, r.created_by FROM burden_reports r JOIN "
    "org_units c ON c.id = "
    "r.community_id LEFT JOIN org_units d ON d.id = r.department_id ";

std::vector<BurdenReport> query_reports(db::Lease& lease, const std::string& where,
                                        const std::string& arg) {
  std::vector<BurdenReport> out;
  BurdenReport r;
  long long id = 0, community = 0, dept = 0, created = 0, by = 0;
  soci::statement st =
      (lease.session().prepare << std::string(k_report_select) + where, soci::use(arg),
       soci::into(id), soci::into(community), soci::into(r.community_name),
       soci::into(r.community_path), soci::into(dept), soci::into(r.department_name),
       soci::into(r.description), soci::into(r.status), soci::into(r.answer), soci::into(created),
       soci::into(by));
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.community_id = community;
    r.department_id = dept;
    r.created_at = created;
    r.created_by = by;
    out.push_back(r);
  }
  return out;
}
}  // namespace

std::vector<BurdenItem> burden_items(db::Lease& lease, const std::string& kind,
                                     const std::string& status) {
  std::string where = "WHERE 1 = 1";
  std::vector<std::string> args;
  if (!kind.empty()) {
    where += " AND b.kind = :k";
    args.push_back(kind);
  }
  if (!status.empty()) {
    where += " AND b.status = :s";
    args.push_back(status);
  }
  return query_burden(lease, where + " ORDER BY b.code", args);
}

std::optional<BurdenItem> find_burden_item(db::Lease& lease, std::int64_t id) {
  auto rows = query_burden(lease, "WHERE b.id = :id", {std::to_string(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<BurdenItem> find_burden_by_code(db::Lease& lease, const std::string& code) {
  auto rows = query_burden(lease, "WHERE b.code = :c", {code});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::int64_t insert_burden_item(db::Lease& lease, const BurdenItem& b, std::int64_t now) {
  long long id = 0, imposed = b.imposed_by, merged = b.merged_into, at = now;
  soci::indicator imposed_ind = b.imposed_by ? soci::i_ok : soci::i_null;
  soci::indicator merged_ind = b.merged_into ? soci::i_ok : soci::i_null;
  lease.session()
      << "INSERT INTO burden_items (kind, code, name, imposed_by, status, merged_into, decided_on, "
         "decision_document, created_at) VALUES (:k, :c, :n, :i, :s, :m, :d, :doc, :t) RETURNING "
         "id",
      soci::use(b.kind), soci::use(b.code), soci::use(b.name), soci::use(imposed, imposed_ind),
      soci::use(b.status), soci::use(merged, merged_ind), soci::use(b.decided_on),
      soci::use(b.decision_document), soci::use(at), soci::into(id);
  return id;
}

void decide_burden_item(db::Lease& lease, const BurdenItem& b) {
  long long id = b.id, merged = b.merged_into;
  soci::indicator merged_ind = b.merged_into ? soci::i_ok : soci::i_null;
  lease.session() << "UPDATE burden_items SET status = :s, merged_into = :m, decided_on = :d, "
                     "decision_document = "
                     ":doc WHERE id = :id",
      soci::use(b.status), soci::use(merged, merged_ind), soci::use(b.decided_on),
      soci::use(b.decision_document), soci::use(id);
}

std::vector<BurdenCount> burden_counts(db::Lease& lease) {
  std::vector<BurdenCount> out;
  BurdenCount c;
  long long n = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT kind, status, COUNT(*) FROM burden_items GROUP BY kind, "
                                  "status ORDER BY kind, status",
       soci::into(c.kind), soci::into(c.status), soci::into(n));
  st.execute();
  while (st.fetch()) {
    c.count = n;
    out.push_back(c);
  }
  return out;
}

std::vector<BurdenStep> reductions_by_year(db::Lease& lease) {
  std::vector<BurdenStep> out;
  std::string year;
  long long cancelled = 0, merged = 0;
  soci::statement st =
      (lease.session().prepare
           << "SELECT SUBSTR(decided_on, 1, 4) AS y, SUM(CASE WHEN status = 'cancelled' THEN 1 "
              "ELSE 0 END), "
              "SUM(CASE WHEN status = 'merged' THEN 1 ELSE 0 END) FROM burden_items WHERE status "
              "IN ('cancelled', "
              "'merged') AND decided_on <> '' GROUP BY SUBSTR(decided_on, 1, 4) ORDER BY y",
       soci::into(year), soci::into(cancelled), soci::into(merged));
  st.execute();
  while (st.fetch()) out.push_back({year, cancelled, merged});
  return out;
}

std::int64_t insert_report(db::Lease& lease, const BurdenReport& r, std::int64_t now) {
  long long id = 0, community = r.community_id, dept = r.department_id, by = r.created_by, at = now;
  soci::indicator dept_ind = r.department_id ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO burden_reports (community_id, department_id, description, "
                     "status, created_by, "
                     "created_at) VALUES (:c, :d, :t, 'open', :b, :at) RETURNING id",
      soci::use(community), soci::use(dept, dept_ind), soci::use(r.description), soci::use(by),
      soci::use(at), soci::into(id);
  return id;
}

std::vector<BurdenReport> reports(db::Lease& lease, const std::string& prefix) {
  return query_reports(lease, "WHERE c.path LIKE :p ORDER BY r.status DESC, r.id DESC LIMIT 500",
                       prefix + "%");
}

std::optional<BurdenReport> find_report(db::Lease& lease, std::int64_t id) {
  auto rows = query_reports(lease, "WHERE r.id = :id", std::to_string(id));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool answer_report(db::Lease& lease, std::int64_t id, const std::string& answer, std::int64_t by,
                   std::int64_t now) {
  long long key = id, who = by, at = now;
  soci::statement st =
      (lease.session().prepare << "UPDATE burden_reports SET status = 'answered', answer = :a, "
                                  "answered_by = :b, answered_at = :t WHERE id = :id AND status = "
                                  "'open'",
       soci::use(answer), soci::use(who), soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::int64_t open_report_count(db::Lease& lease) {
  long long n = 0;
  lease.session() << "SELECT COUNT(*) FROM burden_reports WHERE status = 'open'", soci::into(n);
  return n;
}
}  // namespace silian::lists
