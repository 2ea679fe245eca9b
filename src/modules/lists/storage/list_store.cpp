#include "silian/modules/lists/storage/list_store.hpp"

namespace silian::lists {
namespace {
const char* k_version_columns =
    "SELECT id, list_kind, version_no, status, note, published_at FROM list_versions ";

std::vector<ListVersion> query_versions(db::Lease& lease, const std::string& where,
                                        const std::string& a, const std::string& b = "") {
  std::vector<ListVersion> out;
  ListVersion v;
  long long id = 0, number = 0, published = 0;
  soci::statement st(lease.session());
  st.alloc();
  st.exchange(soci::into(id));
  st.exchange(soci::into(v.kind));
  st.exchange(soci::into(number));
  st.exchange(soci::into(v.status));
  st.exchange(soci::into(v.note));
  st.exchange(soci::into(published));
  st.exchange(soci::use(a));
  if (!b.empty()) st.exchange(soci::use(b));
  st.prepare(std::string(k_version_columns) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    v.id = id;
    v.number = number;
    v.published_at = published;
    out.push_back(v);
  }
  return out;
}

template <typename T>
std::optional<T> first(std::vector<T> v) {
  if (v.empty()) return std::nullopt;
  return v.front();
}
}  // namespace

std::vector<ListVersion> versions_of(db::Lease& lease, const std::string& kind) {
  return query_versions(lease, "WHERE list_kind = :k ORDER BY version_no DESC", kind);
}

std::optional<ListVersion> find_version(db::Lease& lease, std::int64_t id) {
  return first(query_versions(lease, "WHERE id = :id", std::to_string(id)));
}

std::optional<ListVersion> version_by_number(db::Lease& lease, const std::string& kind,
                                             std::int64_t number) {
  return first(query_versions(lease, "WHERE list_kind = :k AND version_no = :n", kind,
                              std::to_string(number)));
}

std::optional<ListVersion> published_version(db::Lease& lease, const std::string& kind) {
  return first(query_versions(lease, "WHERE list_kind = :k AND status = 'published'", kind));
}

std::optional<ListVersion> draft_of(db::Lease& lease, const std::string& kind) {
  return first(query_versions(lease, "WHERE list_kind = :k AND status = 'draft'", kind));
}

std::vector<ListItem> items_of(db::Lease& lease, std::int64_t version_id) {
  std::vector<ListItem> out;
  ListItem i;
  long long id = 0, dept = 0, version = version_id;
  std::string dept_name;
  soci::statement st =
      (lease.session().prepare << "SELECT i.id, i.code, i.title, i.description, i.legal_basis, "
                                  "COALESCE(i.department_id, 0), "
                                  "COALESCE(u.name, ''), i.funding FROM list_items i LEFT JOIN "
                                  "org_units u ON u.id = i.department_id "
                                  "WHERE i.version_id = :v ORDER BY i.sort_order, i.code",
       soci::use(version), soci::into(id), soci::into(i.code), soci::into(i.title),
       soci::into(i.description), soci::into(i.legal_basis), soci::into(dept),
       soci::into(i.department_name), soci::into(i.funding));
  st.execute();
  while (st.fetch()) {
    i.id = id;
    i.department_id = dept;
    out.push_back(i);
  }
  return out;
}

std::optional<ListItem> published_item(db::Lease& lease, const std::string& kind,
                                       const std::string& code) {
  auto version = published_version(lease, kind);
  if (!version) return std::nullopt;
  for (auto& item : items_of(lease, version->id))
    if (item.code == code) return item;
  return std::nullopt;
}

std::int64_t create_draft(db::Lease& lease, const std::string& kind, std::int64_t by,
                          std::int64_t now) {
  auto& s = lease.session();
  long long next = 0, creator = by, at = now, id = 0;
  s << "SELECT COALESCE(MAX(version_no), 0) + 1 FROM list_versions WHERE list_kind = :k",
      soci::use(kind), soci::into(next);
  s << "INSERT INTO list_versions (list_kind, version_no, status, created_by, created_at) VALUES "
       "(:k, :n, "
       "'draft', :b, :t) RETURNING id",
      soci::use(kind), soci::use(next), soci::use(creator), soci::use(at), soci::into(id);
  if (auto published = published_version(lease, kind)) {
    long long from = published->id;
    s << "INSERT INTO list_items (version_id, code, title, description, legal_basis, "
         "department_id, funding, "
         "sort_order) SELECT :v, code, title, description, legal_basis, department_id, funding, "
         "sort_order FROM "
         "list_items WHERE version_id = :f",
        soci::use(id), soci::use(from);
  }
  return id;
}

void put_item(db::Lease& lease, std::int64_t version_id, const ListItem& item) {
  auto& s = lease.session();
  long long version = version_id, dept = item.department_id, sort = 0;
  soci::indicator dept_ind = item.department_id == 0 ? soci::i_null : soci::i_ok;
  // A changed item keeps its place in the list; a new one goes last.
  soci::indicator found = soci::i_null;
  s << "SELECT sort_order FROM list_items WHERE version_id = :v AND code = :c", soci::use(version),
      soci::use(item.code), soci::into(sort, found);
  if (found != soci::i_ok)
    s << "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM list_items WHERE version_id = :v",
        soci::use(version), soci::into(sort);
  s << "DELETE FROM list_items WHERE version_id = :v AND code = :c", soci::use(version),
      soci::use(item.code);
  s << "INSERT INTO list_items (version_id, code, title, description, legal_basis, department_id, "
       "funding, "
       "sort_order) VALUES (:v, :c, :t, :d, :l, :dep, :f, :s)",
      soci::use(version), soci::use(item.code), soci::use(item.title), soci::use(item.description),
      soci::use(item.legal_basis), soci::use(dept, dept_ind), soci::use(item.funding),
      soci::use(sort);
}

bool remove_item(db::Lease& lease, std::int64_t version_id, const std::string& code) {
  long long version = version_id;
  soci::statement st =
      (lease.session().prepare << "DELETE FROM list_items WHERE version_id = :v AND code = :c",
       soci::use(version), soci::use(code));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool lock_draft(db::Lease& lease, std::int64_t version_id) {
  long long id = version_id;
  soci::statement st =
      (lease.session().prepare << "UPDATE list_versions SET status = status WHERE id = :id AND "
                                  "status = 'draft'",
       soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void publish(db::Lease& lease, const ListVersion& draft, const std::string& note, std::int64_t by,
             std::int64_t now) {
  auto& s = lease.session();
  long long id = draft.id, who = by, at = now;
  s << "UPDATE list_versions SET status = 'superseded' WHERE list_kind = :k AND status = "
       "'published'",
      soci::use(draft.kind);
  s << "UPDATE list_versions SET status = 'published', note = :n, published_by = :b, published_at "
       "= :t WHERE id "
       "= :id",
      soci::use(note), soci::use(who), soci::use(at), soci::use(id);
}
}  // namespace silian::lists
