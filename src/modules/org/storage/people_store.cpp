#include "silian/modules/org/storage/people_store.hpp"

namespace silian::org {
std::optional<Household> find_household_at(db::Lease& lease, std::int64_t community_id,
                                           const std::string& address);

std::int64_t insert_household(db::Lease& lease, const Household& h, std::int64_t now) {
  long long id = 0, community = h.community_id, grid = h.grid_id, at = now;
  soci::indicator grid_ind = h.grid_id == 0 ? soci::i_null : soci::i_ok;
  // Two workers confirming two residents at one new address may race: the second
  // insert does nothing and the caller re-reads the household.
  lease.session() << "INSERT INTO households (community_id, grid_id, address, created_at) VALUES "
                     "(:c, :g, :a, :t) ON CONFLICT (community_id, address) DO NOTHING RETURNING id",
      soci::use(community), soci::use(grid, grid_ind), soci::use(h.address), soci::use(at),
      soci::into(id);
  if (id == 0) {
    if (auto existing = find_household_at(lease, h.community_id, h.address)) return existing->id;
  }
  return id;
}

namespace {
std::optional<Household> one_household(db::Lease& lease, const std::string& where, long long a,
                                       const std::string& b) {
  Household h;
  long long id = 0, community = 0, grid = 0;
  soci::indicator id_ind = soci::i_null, grid_ind = soci::i_null;
  std::string sql = "SELECT id, community_id, grid_id, address FROM households WHERE " + where;
  if (b.empty()) {
    lease.session() << sql, soci::use(a), soci::into(id, id_ind), soci::into(community),
        soci::into(grid, grid_ind), soci::into(h.address);
  } else {
    lease.session() << sql, soci::use(a), soci::use(b), soci::into(id, id_ind),
        soci::into(community), soci::into(grid, grid_ind), soci::into(h.address);
  }
  if (id_ind != soci::i_ok) return std::nullopt;
  h.id = id;
  h.community_id = community;
  h.grid_id = grid_ind == soci::i_ok ? grid : 0;
  return h;
}

const char* k_resident_select =
    "SELECT r.id, r.community_id, COALESCE(r.household_id, 0), COALESCE(r.account_id, 0), r.name, "
    "r.phone_sealed, r.status, r.stated_address, u.name, u.path, r.created_at FROM residents r "
    "JOIN org_units u ON u.id = r.community_id ";

std::vector<Resident> query_residents(db::Lease& lease, const std::string& where,
                                      const std::string& arg) {
  std::vector<Resident> out;
  Resident r;
  long long id = 0, community = 0, household = 0, account = 0, created = 0;
  soci::statement st =
      (lease.session().prepare << std::string(k_resident_select) + where, soci::use(arg),
       soci::into(id), soci::into(community), soci::into(household), soci::into(account),
       soci::into(r.name), soci::into(r.phone_sealed), soci::into(r.status),
       soci::into(r.stated_address), soci::into(r.community_name), soci::into(r.community_path),
       soci::into(created));
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.community_id = community;
    r.household_id = household;
    r.account_id = account;
    r.created_at = created;
    out.push_back(r);
  }
  return out;
}
}  // namespace

std::optional<Household> find_household(db::Lease& lease, std::int64_t id) {
  return one_household(lease, "id = :a", id, "");
}

std::optional<Household> find_household_at(db::Lease& lease, std::int64_t community_id,
                                           const std::string& address) {
  if (address.empty()) return std::nullopt;
  return one_household(lease, "community_id = :a AND address = :b", community_id, address);
}

HouseholdPage households_in(db::Lease& lease, const std::vector<std::string>& scope_paths,
                            const std::string& search, int page, int per_page) {
  HouseholdPage out;
  if (scope_paths.empty()) return out;
  // One bound pair of placeholders per scope: community path or grid path.
  std::vector<std::string> prefixes;
  std::string scope_sql = "(";
  for (std::size_t i = 0; i < scope_paths.size(); ++i) {
    prefixes.push_back(scope_paths[i] + "%");
    scope_sql += (i ? " OR " : "") + std::string("u.path LIKE :c") + std::to_string(i) +
                 " OR g.path LIKE :g" + std::to_string(i);
  }
  scope_sql += ")";
  std::string pattern = db::like_contains(search);
  std::string from =
      " FROM households h JOIN org_units u ON u.id = h.community_id LEFT JOIN org_units g "
      "ON g.id = h.grid_id WHERE " +
      scope_sql + " AND h.address LIKE :s ESCAPE '\\'";
  auto bind_scopes = [&](soci::statement& st) {
    for (const auto& prefix : prefixes) {
      st.exchange(soci::use(prefix));
      st.exchange(soci::use(prefix));
    }
    st.exchange(soci::use(pattern));
  };
  long long total = 0;
  {
    soci::statement st(lease.session());
    st.alloc();
    bind_scopes(st);
    st.exchange(soci::into(total));
    st.prepare("SELECT COUNT(*)" + from);
    st.define_and_bind();
    st.execute(true);
  }
  out.total = total;
  long long limit = per_page, offset = static_cast<long long>(page - 1) * per_page;
  Household h;
  long long id = 0, community = 0, members = 0;
  soci::statement st(lease.session());
  st.alloc();
  bind_scopes(st);
  st.exchange(soci::use(limit));
  st.exchange(soci::use(offset));
  st.exchange(soci::into(id));
  st.exchange(soci::into(community));
  st.exchange(soci::into(h.address));
  st.exchange(soci::into(members));
  st.prepare(
      "SELECT h.id, h.community_id, h.address, (SELECT COUNT(*) FROM residents r WHERE "
      "r.household_id = h.id)" +
      from + " ORDER BY h.id LIMIT :l OFFSET :o");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    h.id = id;
    h.community_id = community;
    h.members = members;
    out.rows.push_back(h);
  }
  return out;
}

std::int64_t insert_resident(db::Lease& lease, const Resident& r, const std::string& phone_index,
                             std::int64_t now) {
  long long id = 0, community = r.community_id, household = r.household_id, account = r.account_id,
            at = now;
  soci::indicator household_ind = r.household_id == 0 ? soci::i_null : soci::i_ok;
  soci::indicator account_ind = r.account_id == 0 ? soci::i_null : soci::i_ok;
  lease.session() << "INSERT INTO residents (community_id, household_id, account_id, name, "
                     "phone_sealed, phone_index, status, stated_address, created_at) VALUES (:c, "
                     ":h, :a, :n, :ps, :pi, :s, :ad, :t) RETURNING id",
      soci::use(community), soci::use(household, household_ind), soci::use(account, account_ind),
      soci::use(r.name), soci::use(r.phone_sealed), soci::use(phone_index), soci::use(r.status),
      soci::use(r.stated_address), soci::use(at), soci::into(id);
  return id;
}

std::optional<Resident> find_resident(db::Lease& lease, std::int64_t id) {
  auto rows = query_residents(lease, "WHERE r.id = :a", std::to_string(id));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Resident> resident_of_account(db::Lease& lease, std::int64_t account_id) {
  auto rows = query_residents(lease, "WHERE r.account_id = :a", std::to_string(account_id));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Resident> pending_in(db::Lease& lease, const std::string& scope_path) {
  return query_residents(lease,
                         "WHERE r.status = 'pending' AND u.path LIKE :a ORDER BY r.id LIMIT 200",
                         scope_path + "%");
}

std::int64_t count_pending_in(db::Lease& lease, const std::string& scope_path) {
  long long n = 0;
  std::string prefix = scope_path + "%";
  lease.session() << "SELECT COUNT(*) FROM residents r JOIN org_units u ON u.id = r.community_id "
                     "WHERE r.status = 'pending' AND u.path LIKE :p",
      soci::use(prefix), soci::into(n);
  return n;
}

bool decide_resident(db::Lease& lease, std::int64_t resident_id, const std::string& status,
                     std::int64_t household_id, const std::string& note, std::int64_t by,
                     std::int64_t now) {
  long long id = resident_id, household = household_id, who = by, at = now;
  soci::indicator household_ind = household_id == 0 ? soci::i_null : soci::i_ok;
  soci::statement st =
      (lease.session().prepare << "UPDATE residents SET status = :s, household_id = :h, "
                                  "decision_note = :n, decided_by = :b, decided_at = :t WHERE id "
                                  "= :id AND status = 'pending'",
       soci::use(status), soci::use(household, household_ind), soci::use(note), soci::use(who),
       soci::use(at), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}
std::int64_t count_households(db::Lease& lease, std::int64_t community_id) {
  long long community = community_id, n = 0;
  lease.session() << "SELECT COUNT(*) FROM households WHERE community_id = :c",
      soci::use(community), soci::into(n);
  return n;
}

namespace {
std::vector<std::int64_t> ids_of(db::Lease& lease, const std::string& sql, long long key) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (lease.session().prepare << sql, soci::use(key), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}
}  // namespace

std::vector<std::int64_t> household_ids(db::Lease& lease, std::int64_t community_id) {
  return ids_of(lease, "SELECT id FROM households WHERE community_id = :c ORDER BY id",
                community_id);
}

std::vector<std::int64_t> adult_resident_ids(db::Lease& lease, std::int64_t community_id) {
  return ids_of(lease,
                "SELECT id FROM residents WHERE community_id = :c AND status = 'verified' AND "
                "adult = 1 ORDER BY id",
                community_id);
}
}  // namespace silian::org
