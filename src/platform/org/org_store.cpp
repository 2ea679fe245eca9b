#include "silian/platform/org/org_store.hpp"

namespace silian::org {
namespace {
const char* k_columns = "id, parent_id, kind, code, name, address, path, active";

struct UnitRow {
  long long id = 0, parent = 0, active = 1;
  soci::indicator parent_ind = soci::i_null;
  std::string kind, code, name, address, path;
  OrgUnit to_unit() const {
    return OrgUnit{
        id, parent_ind == soci::i_ok ? parent : 0, kind, code, name, address, path, active != 0};
  }
};

std::vector<OrgUnit> query_units(db::Lease& lease, const std::string& where,
                                 const std::string& arg) {
  auto& s = lease.session();
  UnitRow r;
  std::vector<OrgUnit> out;
  std::string sql = std::string("SELECT ") + k_columns + " FROM org_units " + where;
  auto bind = [&](soci::details::prepare_temp_type&& p) -> soci::details::prepare_temp_type& {
    return (p, soci::into(r.id), soci::into(r.parent, r.parent_ind), soci::into(r.kind),
            soci::into(r.code), soci::into(r.name), soci::into(r.address), soci::into(r.path),
            soci::into(r.active));
  };
  soci::statement st = arg.empty() ? soci::statement(bind(s.prepare << sql))
                                   : soci::statement((bind(s.prepare << sql), soci::use(arg)));
  st.execute();
  while (st.fetch()) out.push_back(r.to_unit());
  return out;
}
}  // namespace

std::optional<OrgUnit> find_unit(db::Lease& lease, std::int64_t id) {
  auto found = query_units(lease, "WHERE id = :a", std::to_string(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<OrgUnit> find_unit_by_code(db::Lease& lease, const std::string& code) {
  if (code.empty()) return std::nullopt;
  auto found = query_units(lease, "WHERE code = :a", code);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<OrgUnit> all_units(db::Lease& lease) { return query_units(lease, "ORDER BY path", ""); }

std::vector<OrgUnit> units_of_kind(db::Lease& lease, const std::string& kind) {
  return query_units(lease, "WHERE kind = :a ORDER BY path", kind);
}

std::int64_t insert_unit(db::Lease& lease, OrgUnit& unit, std::int64_t now) {
  auto& s = lease.session();
  long long id = 0, created = now, active = unit.active ? 1 : 0;
  long long parent = unit.parent_id;
  soci::indicator parent_ind = unit.parent_id == 0 ? soci::i_null : soci::i_ok;
  s << "INSERT INTO org_units (parent_id, kind, code, name, address, path, active, created_at) "
       "VALUES (:p, :k, :c, :n, :a, '', :ac, :t) RETURNING id",
      soci::use(parent, parent_ind), soci::use(unit.kind), soci::use(unit.code),
      soci::use(unit.name), soci::use(unit.address), soci::use(active), soci::use(created),
      soci::into(id);
  std::string parent_path = "/";
  if (unit.parent_id != 0) {
    auto p = find_unit(lease, unit.parent_id);
    if (p) parent_path = p->path;
  }
  unit.id = id;
  unit.path = parent_path + std::to_string(id) + "/";
  s << "UPDATE org_units SET path = :p WHERE id = :id", soci::use(unit.path), soci::use(id);
  return id;
}

void update_unit(db::Lease& lease, const OrgUnit& unit) {
  auto& s = lease.session();
  long long id = unit.id, active = unit.active ? 1 : 0;
  s << "UPDATE org_units SET name = :n, address = :a, active = :ac WHERE id = :id",
      soci::use(unit.name), soci::use(unit.address), soci::use(active), soci::use(id);
}
}  // namespace silian::org
