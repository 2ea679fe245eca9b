#include "silian/modules/deliberation/storage/execution_store.hpp"

namespace silian::deliberation {
namespace {
constexpr const char* k_task_select =
    "SELECT k.id, k.decision_id, COALESCE(k.owner_account_id, 0), COALESCE(k.owner_unit_id, "
    "0), k.title, COALESCE(a.display_name, u.name, ''), k.due_date, k.status, k.created_by, "
    "k.created_at, k.done_at FROM decision_tasks k LEFT JOIN accounts a ON a.id = "
    "k.owner_account_id LEFT JOIN org_units u ON u.id = k.owner_unit_id ";

std::vector<Task> query_tasks(db::Lease& lease, const std::string& where, long long arg) {
  std::vector<Task> out;
  Task t;
  long long id = 0, decision = 0, account = 0, unit = 0, by = 0, created = 0, done = 0;
  soci::statement st =
      (lease.session().prepare << std::string(k_task_select) + where, soci::use(arg),
       soci::into(id), soci::into(decision), soci::into(account), soci::into(unit),
       soci::into(t.title), soci::into(t.owner_name), soci::into(t.due_date), soci::into(t.status),
       soci::into(by), soci::into(created), soci::into(done));
  st.execute();
  while (st.fetch()) {
    t.id = id;
    t.decision_id = decision;
    t.owner_account_id = account;
    t.owner_unit_id = unit;
    t.created_by = by;
    t.created_at = created;
    t.done_at = done;
    out.push_back(t);
  }
  return out;
}
}  // namespace

std::int64_t insert_task(db::Lease& lease, const Task& t) {
  long long id = 0, decision = t.decision_id, account = t.owner_account_id, unit = t.owner_unit_id,
            by = t.created_by, at = t.created_at;
  soci::indicator account_ind = t.owner_account_id ? soci::i_ok : soci::i_null,
                  unit_ind = t.owner_unit_id ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO decision_tasks (decision_id, title, owner_account_id, "
                     "owner_unit_id, due_date, created_by, created_at) VALUES (:d, :t, :a, :u, "
                     ":due, :b, :at) RETURNING id",
      soci::use(decision), soci::use(t.title), soci::use(account, account_ind),
      soci::use(unit, unit_ind), soci::use(t.due_date), soci::use(by), soci::use(at),
      soci::into(id);
  return id;
}

std::vector<Task> tasks_of(db::Lease& lease, std::int64_t decision_id) {
  return query_tasks(lease, "WHERE k.decision_id = :d ORDER BY k.id", decision_id);
}

std::optional<Task> find_task(db::Lease& lease, std::int64_t id) {
  auto rows = query_tasks(lease, "WHERE k.id = :d", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void mark_task_done(db::Lease& lease, std::int64_t id, std::int64_t now) {
  long long key = id, at = now;
  lease.session() << "UPDATE decision_tasks SET status = 'done', done_at = :at WHERE id = :id",
      soci::use(at), soci::use(key);
}

void insert_report(db::Lease& lease, const Report& r) {
  long long task = r.task_id, account = r.account_id, done = r.done ? 1 : 0, at = r.at;
  lease.session() << "INSERT INTO task_reports (task_id, account_id, body, done, at) VALUES "
                     "(:t, :a, :b, :d, :at)",
      soci::use(task), soci::use(account), soci::use(r.body), soci::use(done), soci::use(at);
}

std::vector<Report> reports_of(db::Lease& lease, std::int64_t task_id) {
  std::vector<Report> out;
  Report r;
  long long id = 0, task = task_id, account = 0, done = 0, at = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT r.id, r.account_id, a.display_name, r.body, r.done, "
                                  "r.at FROM task_reports r JOIN accounts a ON a.id = "
                                  "r.account_id WHERE r.task_id = :t ORDER BY r.id",
       soci::use(task), soci::into(id), soci::into(account), soci::into(r.author),
       soci::into(r.body), soci::into(done), soci::into(at));
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.task_id = task_id;
    r.account_id = account;
    r.done = done != 0;
    r.at = at;
    out.push_back(r);
  }
  return out;
}

void insert_review(db::Lease& lease, const Review& r) {
  long long decision = r.decision_id, account = r.account_id, at = r.at;
  lease.session() << "INSERT INTO supervision_reviews (decision_id, account_id, verdict, note, "
                     "at) VALUES (:d, :a, :v, :n, :at)",
      soci::use(decision), soci::use(account), soci::use(r.verdict), soci::use(r.note),
      soci::use(at);
}

std::vector<Review> reviews_of(db::Lease& lease, std::int64_t decision_id) {
  std::vector<Review> out;
  Review r;
  long long id = 0, decision = decision_id, account = 0, at = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT s.id, s.account_id, a.display_name, s.verdict, s.note, "
                                  "s.at FROM supervision_reviews s JOIN accounts a ON a.id = "
                                  "s.account_id WHERE s.decision_id = :d ORDER BY s.id",
       soci::use(decision), soci::into(id), soci::into(account), soci::into(r.reviewer),
       soci::into(r.verdict), soci::into(r.note), soci::into(at));
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.decision_id = decision_id;
    r.account_id = account;
    r.at = at;
    out.push_back(r);
  }
  return out;
}

void put_rating(db::Lease& lease, std::int64_t decision_id, std::int64_t household_id,
                std::int64_t account_id, const std::string& rating, std::int64_t now) {
  long long decision = decision_id, household = household_id, account = account_id, at = now;
  lease.session() << "INSERT INTO decision_ratings (decision_id, household_id, account_id, "
                     "rating, at) VALUES (:d, :h, :a, :r, :at) ON CONFLICT (decision_id, "
                     "household_id) DO UPDATE SET account_id = excluded.account_id, rating = "
                     "excluded.rating, at = excluded.at",
      soci::use(decision), soci::use(household), soci::use(account), soci::use(rating),
      soci::use(at);
}

std::map<std::string, std::int64_t> rating_counts(db::Lease& lease, std::int64_t decision_id) {
  std::map<std::string, std::int64_t> out;
  std::string rating;
  long long decision = decision_id, n = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT rating, COUNT(*) FROM decision_ratings WHERE "
                                  "decision_id = :d GROUP BY rating",
       soci::use(decision), soci::into(rating), soci::into(n));
  st.execute();
  while (st.fetch()) out[rating] = n;
  return out;
}

std::optional<std::string> rating_of(db::Lease& lease, std::int64_t decision_id,
                                     std::int64_t household_id) {
  std::string rating;
  long long decision = decision_id, household = household_id;
  soci::indicator found = soci::i_null;
  lease.session() << "SELECT rating FROM decision_ratings WHERE decision_id = :d AND "
                     "household_id = :h",
      soci::use(decision), soci::use(household), soci::into(rating, found);
  if (found != soci::i_ok) return std::nullopt;
  return rating;
}
}  // namespace silian::deliberation
