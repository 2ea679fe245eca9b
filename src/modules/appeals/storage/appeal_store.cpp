#include "silian/modules/appeals/storage/appeal_store.hpp"

#include <map>
#include <unordered_map>

#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::appeals {
namespace {
const char* k_select =
    "SELECT a.id, a.public_no, a.token, a.category_id, c.code, c.name, a.channel, a.description, "
    "a.community_id, COALESCE(a.grid_id, 0), cu.name, COALESCE(g.name, ''), st.path, "
    "a.place_path, a.address, CASE WHEN a.lat IS NULL THEN 0 ELSE 1 END, COALESCE(a.lat, 0), "
    "COALESCE(a.lng, 0), COALESCE(a.resident_id, 0), a.contact_name_sealed, "
    "a.contact_phone_sealed, a.anonymous, a.entered_by, COALESCE(a.api_key_id, 0), a.route, "
    "a.status, a.desk_unit_id, COALESCE(a.lead_unit_id, 0), a.handler_id, d.name, d.path, "
    "COALESCE(l.name, ''), COALESCE(l.path, ''), COALESCE(l.kind, ''), a.escalation_level, "
    "COALESCE(a.group_id, 0), "
    "a.reopen_count, a.month, a.received_at, a.dispatched_at, a.response_due, a.resolve_due, "
    "a.responded_at, a.replied_at, a.closed_at, a.rating, a.resolved, a.public_reply, "
    "a.updated_at ";
const char* k_from =
    "FROM appeals a JOIN appeal_categories c ON c.id = a.category_id JOIN org_units cu ON cu.id "
    "= a.community_id JOIN org_units st ON st.id = cu.parent_id LEFT JOIN org_units g ON g.id = "
    "a.grid_id JOIN org_units d ON d.id = a.desk_unit_id LEFT JOIN org_units l ON l.id = "
    "a.lead_unit_id ";

// Typed targets for one appeal row; SOCI needs an lvalue per column.
struct Row {
  Appeal a;
  long long id, category_id, community_id, grid_id, has_point, resident_id, anonymous, entered_by,
      api_key_id, desk, lead, handler, level, group, reopen, received, dispatched, response_due,
      resolve_due, responded, replied, closed, resolved, updated;
  double lat, lng;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(a.public_no));
    st.exchange(soci::into(a.token));
    st.exchange(soci::into(category_id));
    st.exchange(soci::into(a.category_code));
    st.exchange(soci::into(a.category_name));
    st.exchange(soci::into(a.channel));
    st.exchange(soci::into(a.description));
    st.exchange(soci::into(community_id));
    st.exchange(soci::into(grid_id));
    st.exchange(soci::into(a.community_name));
    st.exchange(soci::into(a.grid_name));
    st.exchange(soci::into(a.street_path));
    st.exchange(soci::into(a.place_path));
    st.exchange(soci::into(a.address));
    st.exchange(soci::into(has_point));
    st.exchange(soci::into(lat));
    st.exchange(soci::into(lng));
    st.exchange(soci::into(resident_id));
    st.exchange(soci::into(a.contact_name_sealed));
    st.exchange(soci::into(a.contact_phone_sealed));
    st.exchange(soci::into(anonymous));
    st.exchange(soci::into(entered_by));
    st.exchange(soci::into(api_key_id));
    st.exchange(soci::into(a.route));
    st.exchange(soci::into(a.status));
    st.exchange(soci::into(desk));
    st.exchange(soci::into(lead));
    st.exchange(soci::into(handler));
    st.exchange(soci::into(a.desk_unit_name));
    st.exchange(soci::into(a.desk_unit_path));
    st.exchange(soci::into(a.lead_unit_name));
    st.exchange(soci::into(a.lead_unit_path));
    st.exchange(soci::into(a.lead_unit_kind));
    st.exchange(soci::into(level));
    st.exchange(soci::into(group));
    st.exchange(soci::into(reopen));
    st.exchange(soci::into(a.month));
    st.exchange(soci::into(received));
    st.exchange(soci::into(dispatched));
    st.exchange(soci::into(response_due));
    st.exchange(soci::into(resolve_due));
    st.exchange(soci::into(responded));
    st.exchange(soci::into(replied));
    st.exchange(soci::into(closed));
    st.exchange(soci::into(a.rating));
    st.exchange(soci::into(resolved));
    st.exchange(soci::into(a.public_reply));
    st.exchange(soci::into(updated));
  }

  Appeal get() const {
    Appeal out = a;
    out.id = id;
    out.category_id = category_id;
    out.community_id = community_id;
    out.grid_id = grid_id;
    if (has_point) {
      out.lat = lat;
      out.lng = lng;
    }
    out.resident_id = resident_id;
    out.anonymous = anonymous != 0;
    out.entered_by = entered_by;
    out.api_key_id = api_key_id;
    out.desk_unit_id = desk;
    out.lead_unit_id = lead;
    out.handler_id = handler;
    out.escalation_level = level;
    out.group_id = group;
    out.reopen_count = reopen;
    out.received_at = received;
    out.dispatched_at = dispatched;
    out.response_due = response_due;
    out.resolve_due = resolve_due;
    out.responded_at = responded;
    out.replied_at = replied;
    out.closed_at = closed;
    out.resolved = resolved != 0;
    out.updated_at = updated;
    return out;
  }
};

std::vector<Appeal> query_appeals(db::Lease& lease, const std::string& sql,
                                  const std::vector<std::string>& args) {
  std::vector<Appeal> out;
  Row row{};
  soci::statement st(lease.session());
  st.alloc();
  for (const auto& a : args) st.exchange(soci::use(a));
  row.bind(st);
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.get());
  return out;
}

std::optional<Appeal> one(db::Lease& lease, const std::string& where, const std::string& arg) {
  auto found = query_appeals(lease, std::string(k_select) + k_from + where, {arg});
  if (found.empty()) return std::nullopt;
  return found.front();
}

// The index's query syntax for the terms. Terms hold only letters, digits and Han
// characters, but quotes are still doubled (FTS5) or escaped (tsquery) in case that
// ever changes: user text must never become query syntax.
std::string fts_query(const search::Query& q, db::Engine engine) {
  const bool sqlite = engine == db::Engine::sqlite;
  auto quote = [&](const std::string& t) {
    std::string out = sqlite ? "\"" : "'";
    for (char c : t) {
      if (sqlite && c == '"')
        out += "\"\"";
      else if (!sqlite && (c == '\'' || c == '\\'))
        out += std::string("\\") + c;
      else
        out += c;
    }
    return out + (sqlite ? "\"" : "'");
  };
  std::string out;
  const char* glue = sqlite ? " AND " : " & ";
  for (const auto& t : q.terms) out += (out.empty() ? "" : glue) + quote(t);
  for (const auto& p : q.prefixes)
    out += (out.empty() ? "" : glue) + quote(p) + (sqlite ? "*" : ":*");
  return out;
}

const char* field_column(KpiField f) {
  switch (f) {
    case KpiField::dispatched:
      return "dispatched";
    case KpiField::responded_on_time:
      return "responded_on_time";
    case KpiField::rated:
      return "rated";
    case KpiField::resolved:
      return "resolved";
    case KpiField::satisfied:
      return "satisfied";
    case KpiField::basic:
      return "basic";
    case KpiField::unsatisfied:
      return "unsatisfied";
  }
  return "dispatched";
}

void bind_category(soci::statement& st, Category& c, long long& id, long long& resp,
                   long long& days, long long& active, long long& order) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(c.code));
  st.exchange(soci::into(c.name));
  st.exchange(soci::into(c.description));
  st.exchange(soci::into(c.group_name));
  st.exchange(soci::into(c.keywords));
  st.exchange(soci::into(c.list_kind));
  st.exchange(soci::into(c.list_code));
  st.exchange(soci::into(c.route));
  st.exchange(soci::into(resp));
  st.exchange(soci::into(days));
  st.exchange(soci::into(active));
  st.exchange(soci::into(order));
}

std::vector<Category> query_categories(db::Lease& lease, const std::string& where,
                                       const std::string& arg) {
  std::vector<Category> out;
  Category c;
  long long id = 0, resp = 0, days = 0, active = 0, order = 0;
  soci::statement st(lease.session());
  st.alloc();
  if (!arg.empty()) st.exchange(soci::use(arg));
  bind_category(st, c, id, resp, days, active, order);
  st.prepare(
      "SELECT id, code, name, description, group_name, keywords, list_kind, list_code, route, "
      "response_hours, resolve_days, active, sort_order FROM appeal_categories " +
      where + " ORDER BY sort_order, code");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.response_hours = resp;
    c.resolve_days = days;
    c.active = active != 0;
    c.sort_order = order;
    out.push_back(c);
  }
  return out;
}
}  // namespace

std::vector<Category> categories(db::Lease& lease, bool active_only) {
  return query_categories(lease, active_only ? "WHERE active = 1" : "", "");
}

std::optional<Category> find_category(db::Lease& lease, std::int64_t id) {
  auto found = query_categories(lease, "WHERE id = :id", std::to_string(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Category> find_category_by_code(db::Lease& lease, const std::string& code) {
  if (code.empty()) return std::nullopt;
  auto found = query_categories(lease, "WHERE code = :c", code);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::int64_t insert_category(db::Lease& lease, const Category& c) {
  long long id = 0, resp = c.response_hours, days = c.resolve_days, active = c.active ? 1 : 0,
            order = c.sort_order;
  lease.session() << "INSERT INTO appeal_categories (code, name, description, group_name, "
                     "keywords, list_kind, list_code, route, response_hours, resolve_days, "
                     "active, sort_order) VALUES (:c, :n, :d, :g, :k, :lk, :lc, :r, :rh, :rd, "
                     ":a, :o) RETURNING id",
      soci::use(c.code), soci::use(c.name), soci::use(c.description), soci::use(c.group_name),
      soci::use(c.keywords), soci::use(c.list_kind), soci::use(c.list_code), soci::use(c.route),
      soci::use(resp), soci::use(days), soci::use(active), soci::use(order), soci::into(id);
  return id;
}

void update_category(db::Lease& lease, const Category& c) {
  long long id = c.id, resp = c.response_hours, days = c.resolve_days, active = c.active ? 1 : 0;
  lease.session() << "UPDATE appeal_categories SET name = :n, description = :d, response_hours "
                     "= :rh, resolve_days = :rd, active = :a WHERE id = :id",
      soci::use(c.name), soci::use(c.description), soci::use(resp), soci::use(days),
      soci::use(active), soci::use(id);
}

WorkCalendar load_calendar(db::Lease& lease) {
  std::map<std::string, std::string> overrides;
  for (const auto& h : holidays(lease)) overrides[h.day] = h.kind;
  return WorkCalendar(std::move(overrides));
}

std::vector<Holiday> holidays(db::Lease& lease) {
  std::vector<Holiday> out;
  Holiday h;
  soci::statement st =
      (lease.session().prepare << "SELECT day, kind, name FROM holidays ORDER BY day",
       soci::into(h.day), soci::into(h.kind), soci::into(h.name));
  st.execute();
  while (st.fetch()) out.push_back(h);
  return out;
}

void put_holiday(db::Lease& lease, const Holiday& h) {
  lease.session() << "INSERT INTO holidays (day, kind, name) VALUES (:d, :k, :n) ON CONFLICT "
                     "(day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
      soci::use(h.day), soci::use(h.kind), soci::use(h.name);
}

bool remove_holiday(db::Lease& lease, const std::string& day) {
  soci::statement st =
      (lease.session().prepare << "DELETE FROM holidays WHERE day = :d", soci::use(day));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<ServicePoint> service_points(db::Lease& lease) {
  std::vector<ServicePoint> out;
  ServicePoint p;
  long long id = 0, community = 0, grid = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT p.id, p.code, p.name, p.address, u.name, "
                                  "p.community_id, COALESCE(p.grid_id, 0) FROM "
                                  "appeal_service_points p JOIN org_units u ON u.id = "
                                  "p.community_id ORDER BY u.path, p.code",
       soci::into(id), soci::into(p.code), soci::into(p.name), soci::into(p.address),
       soci::into(p.community_name), soci::into(community), soci::into(grid));
  st.execute();
  while (st.fetch()) {
    p.id = id;
    p.community_id = community;
    p.grid_id = grid;
    out.push_back(p);
  }
  return out;
}

std::optional<ServicePoint> find_service_point(db::Lease& lease, const std::string& code) {
  if (code.empty() || code.size() > 40) return std::nullopt;
  ServicePoint p;
  long long id = 0, community = 0, grid = 0;
  soci::indicator found = soci::i_null;
  lease.session() << "SELECT p.id, p.code, p.name, p.address, u.name, p.community_id, "
                     "COALESCE(p.grid_id, 0) FROM appeal_service_points p JOIN org_units u ON "
                     "u.id = p.community_id WHERE p.code = :c",
      soci::use(code), soci::into(id, found), soci::into(p.code), soci::into(p.name),
      soci::into(p.address), soci::into(p.community_name), soci::into(community), soci::into(grid);
  if (found != soci::i_ok) return std::nullopt;
  p.id = id;
  p.community_id = community;
  p.grid_id = grid;
  return p;
}

std::int64_t insert_service_point(db::Lease& lease, const ServicePoint& p) {
  long long id = 0, community = p.community_id, grid = p.grid_id;
  soci::indicator grid_ind = p.grid_id ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO appeal_service_points (code, name, community_id, grid_id, "
                     "address) VALUES (:c, :n, :cm, :g, :a) RETURNING id",
      soci::use(p.code), soci::use(p.name), soci::use(community), soci::use(grid, grid_ind),
      soci::use(p.address), soci::into(id);
  return id;
}

std::int64_t insert_appeal(db::Lease& lease, Appeal& a) {
  auto& s = lease.session();
  a.token = crypto::random_token(18);
  a.month = local_month(a.received_at);
  long long id = 0, category = a.category_id, community = a.community_id, grid = a.grid_id,
            resident = a.resident_id, anonymous = a.anonymous ? 1 : 0, entered = a.entered_by,
            key = a.api_key_id, desk = a.desk_unit_id, lead = a.lead_unit_id,
            received = a.received_at;
  double lat = a.lat.value_or(0), lng = a.lng.value_or(0);
  soci::indicator grid_ind = grid ? soci::i_ok : soci::i_null,
                  resident_ind = resident ? soci::i_ok : soci::i_null,
                  key_ind = key ? soci::i_ok : soci::i_null,
                  lead_ind = lead ? soci::i_ok : soci::i_null,
                  point_ind = a.lat && a.lng ? soci::i_ok : soci::i_null;
  // The public number needs the id: a provisional unique value first, then the number.
  std::string provisional = "pending-" + a.token;
  s << "INSERT INTO appeals (public_no, token, category_id, channel, description, "
       "community_id, grid_id, place_path, address, lat, lng, resident_id, contact_name_sealed, "
       "contact_phone_sealed, anonymous, entered_by, api_key_id, route, status, desk_unit_id, "
       "lead_unit_id, month, received_at, updated_at) VALUES (:no, :tk, :cat, :ch, :ds, :cm, "
       ":g, :pp, :ad, :lat, :lng, :r, :cn, :cp, :an, :eb, :k, :ro, :st, :dk, :ld, :m, :at, :up) "
       "RETURNING id",
      soci::use(provisional), soci::use(a.token), soci::use(category), soci::use(a.channel),
      soci::use(a.description), soci::use(community), soci::use(grid, grid_ind),
      soci::use(a.place_path), soci::use(a.address), soci::use(lat, point_ind),
      soci::use(lng, point_ind), soci::use(resident, resident_ind),
      soci::use(a.contact_name_sealed), soci::use(a.contact_phone_sealed), soci::use(anonymous),
      soci::use(entered), soci::use(key, key_ind), soci::use(a.route), soci::use(a.status),
      soci::use(desk), soci::use(lead, lead_ind), soci::use(a.month), soci::use(received),
      soci::use(received), soci::into(id);
  a.id = id;
  a.public_no = public_number(id, a.received_at);
  s << "UPDATE appeals SET public_no = :no WHERE id = :id", soci::use(a.public_no), soci::use(id);
  index_appeal(lease, id, a.description + " " + a.address);
  return id;
}

void index_appeal(db::Lease& lease, std::int64_t id, const std::string& text) {
  std::string terms;
  for (const auto& t : search::document_terms(text)) terms += (terms.empty() ? "" : " ") + t;
  long long key = id;
  if (lease.engine() == db::Engine::sqlite)
    lease.session() << "INSERT INTO appeal_search (rowid, terms) VALUES (:id, :t)", soci::use(key),
        soci::use(terms);
  else
    lease.session() << "INSERT INTO appeal_search (rowid, terms) VALUES (:id, "
                       "array_to_tsvector(string_to_array(:t, ' ')))",
        soci::use(key), soci::use(terms);
}

void rebuild_search_index(db::Lease& lease) {
  auto& s = lease.session();
  if (lease.engine() == db::Engine::sqlite)
    s << "INSERT INTO appeal_search (appeal_search) VALUES ('delete-all')";  // contentless FTS5
  else
    s << "DELETE FROM appeal_search";
  std::vector<std::pair<long long, std::string>> rows;
  long long id = 0;
  std::string desc, address;
  soci::statement st = (s.prepare << "SELECT id, description, address FROM appeals ORDER BY id",
                        soci::into(id), soci::into(desc), soci::into(address));
  st.execute();
  while (st.fetch()) rows.emplace_back(id, desc + " " + address);
  for (const auto& [key, text] : rows) index_appeal(lease, key, text);
}

std::optional<Appeal> find_appeal(db::Lease& lease, std::int64_t id) {
  return one(lease, "WHERE a.id = :id", std::to_string(id));
}
std::optional<Appeal> find_appeal_for_update(db::Lease& lease, std::int64_t id) {
  if (lease.engine() == db::Engine::sqlite) return find_appeal(lease, id);
  return one(lease, "WHERE a.id = :id FOR UPDATE OF a", std::to_string(id));
}

std::optional<Appeal> find_by_public_no(db::Lease& lease, const std::string& no) {
  return one(lease, "WHERE a.public_no = :no", no);
}
std::optional<Appeal> find_by_token(db::Lease& lease, const std::string& token) {
  if (token.empty()) return std::nullopt;
  return one(lease, "WHERE a.token = :t", token);
}

void save_state(db::Lease& lease, const Appeal& a) {
  long long id = a.id, lead = a.lead_unit_id, handler = a.handler_id, level = a.escalation_level,
            group = a.group_id, reopen = a.reopen_count, dispatched = a.dispatched_at,
            response_due = a.response_due, resolve_due = a.resolve_due, responded = a.responded_at,
            replied = a.replied_at, closed = a.closed_at, resolved = a.resolved ? 1 : 0,
            updated = a.updated_at, desk = a.desk_unit_id;
  soci::indicator lead_ind = lead ? soci::i_ok : soci::i_null,
                  group_ind = group ? soci::i_ok : soci::i_null;
  lease.session() << "UPDATE appeals SET status = :s, desk_unit_id = :dk, lead_unit_id = :l, "
                     "handler_id = :h, escalation_level = :lv, group_id = :g, reopen_count = :ro, "
                     "dispatched_at = :da, response_due = :rsd, resolve_due = :rvd, "
                     "responded_at = :ra, replied_at = :rpa, closed_at = :ca, rating = :rt, "
                     "resolved = :rs, public_reply = :pr, updated_at = :u WHERE id = :id",
      soci::use(a.status), soci::use(desk), soci::use(lead, lead_ind), soci::use(handler),
      soci::use(level), soci::use(group, group_ind), soci::use(reopen), soci::use(dispatched),
      soci::use(response_due), soci::use(resolve_due), soci::use(responded), soci::use(replied),
      soci::use(closed), soci::use(a.rating), soci::use(resolved), soci::use(a.public_reply),
      soci::use(updated), soci::use(id);
}

std::vector<Appeal> group_members(db::Lease& lease, std::int64_t primary_id) {
  return query_appeals(lease,
                       std::string(k_select) + k_from + "WHERE a.group_id = :g ORDER BY a.id" +
                           (lease.engine() == db::Engine::postgresql ? " FOR UPDATE OF a" : ""),
                       {std::to_string(primary_id)});
}

std::vector<AppealUnit> units_of(db::Lease& lease, std::int64_t appeal_id) {
  std::vector<AppealUnit> out;
  AppealUnit u;
  long long id = appeal_id, unit = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT x.unit_id, x.role, u.name, u.path FROM appeal_units x "
                                  "JOIN org_units u ON u.id = x.unit_id WHERE x.appeal_id = :a "
                                  "ORDER BY x.role DESC, u.path",
       soci::use(id), soci::into(unit), soci::into(u.role), soci::into(u.name), soci::into(u.path));
  st.execute();
  while (st.fetch()) {
    u.unit_id = unit;
    out.push_back(u);
  }
  return out;
}

void set_units(db::Lease& lease, std::int64_t appeal_id, std::int64_t lead,
               const std::vector<std::int64_t>& assisting, std::int64_t now) {
  auto& s = lease.session();
  long long id = appeal_id, at = now;
  s << "DELETE FROM appeal_units WHERE appeal_id = :a", soci::use(id);
  auto add = [&](long long unit, const std::string& role) {
    s << "INSERT INTO appeal_units (appeal_id, unit_id, role, assigned_at) VALUES (:a, :u, :r, "
         ":at)",
        soci::use(id), soci::use(unit), soci::use(role), soci::use(at);
  };
  if (lead) add(lead, "lead");
  for (auto u : assisting)
    if (u != lead) add(u, "assist");
}

std::int64_t add_event(db::Lease& lease, const Event& e) {
  long long id = 0, appeal = e.appeal_id, at = e.at, actor = e.actor_id, unit = e.unit_id,
            pub = e.is_public ? 1 : 0;
  soci::indicator unit_ind = unit ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO appeal_events (appeal_id, at, actor_id, unit_id, kind, public, "
                     "body, detail) VALUES (:a, :at, :ac, :u, :k, :p, :b, :d) RETURNING id",
      soci::use(appeal), soci::use(at), soci::use(actor), soci::use(unit, unit_ind),
      soci::use(e.kind), soci::use(pub), soci::use(e.body), soci::use(e.detail), soci::into(id);
  return id;
}

std::vector<Event> events_of(db::Lease& lease, std::int64_t appeal_id) {
  std::vector<Event> out;
  Event e;
  long long id = 0, key = appeal_id, at = 0, actor = 0, unit = 0, pub = 0;
  soci::statement st =
      (lease.session().prepare
           << "SELECT e.id, e.at, e.actor_id, COALESCE(e.unit_id, 0), e.kind, e.public, e.body, "
              "e.detail, COALESCE(ac.display_name, ''), COALESCE(u.name, '') FROM appeal_events "
              "e LEFT JOIN accounts ac ON ac.id = e.actor_id LEFT JOIN org_units u ON u.id = "
              "e.unit_id WHERE e.appeal_id = :a ORDER BY e.id",
       soci::use(key), soci::into(id), soci::into(at), soci::into(actor), soci::into(unit),
       soci::into(e.kind), soci::into(pub), soci::into(e.body), soci::into(e.detail),
       soci::into(e.actor_name), soci::into(e.unit_name));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.appeal_id = appeal_id;
    e.at = at;
    e.actor_id = actor;
    e.unit_id = unit;
    e.is_public = pub != 0;
    out.push_back(e);
  }
  return out;
}

void attach(db::Lease& lease, std::int64_t appeal_id, std::int64_t upload_id, std::int64_t event_id,
            bool is_public) {
  long long a = appeal_id, u = upload_id, e = event_id, p = is_public ? 1 : 0;
  soci::indicator e_ind = e ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO appeal_attachments (appeal_id, upload_id, event_id, public) "
                     "VALUES (:a, :u, :e, :p)",
      soci::use(a), soci::use(u), soci::use(e, e_ind), soci::use(p);
}

std::vector<Attachment> attachments_of(db::Lease& lease, std::int64_t appeal_id) {
  std::vector<Attachment> out;
  Attachment x;
  long long key = appeal_id, upload = 0, event = 0, pub = 0, size = 0;
  soci::statement st =
      (lease.session().prepare
           << "SELECT x.upload_id, COALESCE(x.event_id, 0), x.public, u.content_type, "
              "u.original_name, u.byte_size FROM appeal_attachments x JOIN uploads u ON u.id = "
              "x.upload_id WHERE x.appeal_id = :a ORDER BY x.upload_id",
       soci::use(key), soci::into(upload), soci::into(event), soci::into(pub),
       soci::into(x.content_type), soci::into(x.original_name), soci::into(size));
  st.execute();
  while (st.fetch()) {
    x.upload_id = upload;
    x.event_id = event;
    x.is_public = pub != 0;
    x.byte_size = size;
    out.push_back(x);
  }
  return out;
}

std::optional<Attachment> find_attachment(db::Lease& lease, std::int64_t appeal_id,
                                          std::int64_t upload_id) {
  for (const auto& x : attachments_of(lease, appeal_id))
    if (x.upload_id == upload_id) return x;
  return std::nullopt;
}

namespace {
struct SqlParts {
  std::string from, where, order;
  std::vector<std::string> args;
};

// FROM, WHERE and ORDER BY for a filter; every value the user typed is bound.
SqlParts build_query(db::Lease& lease, const Filter& f) {
  SqlParts out{k_from, "WHERE 1 = 1", " ORDER BY a.id DESC", {}};
  auto& from = out.from;
  auto& where = out.where;
  auto& order = out.order;
  auto& args = out.args;
  // A public number typed into the search box finds that appeal.
  auto text = f.text;
  std::vector<std::string> numbers = f.public_nos;
  if (text.size() >= 9 && text.size() <= 20 && text.starts_with("SL") &&
      text.find_first_not_of("SL0123456789-") == std::string::npos) {
    numbers.push_back(text);
    text.clear();
  }
  auto q = search::parse_query(text);
  const bool sqlite = lease.engine() == db::Engine::sqlite;
  if (!q.empty()) {
    // Drive the query from the full-text index, newest first, so that a frequent word
    // stops at the first page instead of materialising every match.
    if (sqlite) {
      from = std::string("FROM appeal_search JOIN appeals a ON a.id = appeal_search.rowid ") +
             (k_from + std::string(k_from).find("JOIN"));
      where += " AND appeal_search MATCH :q";
      order = " ORDER BY appeal_search.rowid DESC";
    } else {
      from += "JOIN appeal_search s ON s.rowid = a.id ";
      where += " AND s.terms @@ CAST(:q AS tsquery)";
    }
    args.push_back(fts_query(q, lease.engine()));
  }
  if (f.status == "open") {
    where += " AND a.status <> 'closed'";
  } else if (!f.status.empty()) {
    where += " AND a.status = :s";
    args.push_back(f.status);
  }
  if (!f.statuses.empty()) {
    where += " AND a.status IN (";
    for (std::size_t i = 0; i < f.statuses.size(); ++i) {
      where += (i ? ", :st" : ":st") + std::to_string(i);
      args.push_back(f.statuses[i]);
    }
    where += ")";
  }
  if (!f.place_path.empty()) {
    where += " AND a.place_path LIKE :pp";
    args.push_back(f.place_path + "%");
  }
  if (f.category_id) {
    where += " AND a.category_id = " + std::to_string(f.category_id);
  }
  if (!f.category_codes.empty()) {
    where += " AND c.code IN (";
    for (std::size_t i = 0; i < f.category_codes.size(); ++i) {
      where += (i ? ", :cc" : ":cc") + std::to_string(i);
      args.push_back(f.category_codes[i]);
    }
    where += ")";
  }
  if (!numbers.empty()) {
    where += " AND a.public_no IN (";
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      where += (i ? ", :pn" : ":pn") + std::to_string(i);
      args.push_back(numbers[i]);
    }
    where += ")";
  }
  if (f.lead_unit_id) where += " AND a.lead_unit_id = " + std::to_string(f.lead_unit_id);
  if (f.resident_id) where += " AND a.resident_id = " + std::to_string(f.resident_id);
  if (f.since) where += " AND a.received_at >= " + std::to_string(f.since);
  if (f.until) where += " AND a.received_at <= " + std::to_string(f.until);
  if (f.overdue) {
    auto now = std::to_string(f.now);
    where += " AND ((a.status = 'dispatched' AND a.response_due < " + now +
             ") OR (a.status IN ('dispatched', 'in_progress') AND a.resolve_due < " + now + "))";
  }
  if (f.restrict_scope) {
    std::string scope;
    for (std::size_t i = 0; i < f.scope_paths.size(); ++i) {
      scope += (scope.empty() ? "" : " OR ") + std::string("a.place_path LIKE :sp") +
               std::to_string(i) + " OR d.path LIKE :sd" + std::to_string(i);
      args.push_back(f.scope_paths[i] + "%");
      args.push_back(f.scope_paths[i] + "%");
    }
    if (!f.scope_units.empty()) {
      std::string ids;
      for (auto u : f.scope_units) ids += (ids.empty() ? "" : ",") + std::to_string(u);
      scope += (scope.empty() ? "" : " OR ") +
               ("a.id IN (SELECT appeal_id FROM appeal_units WHERE unit_id IN (" + ids + "))");
    }
    where += " AND (" + (scope.empty() ? std::string("1 = 0") : scope) + ")";
  }
  return out;
}
}  // namespace

std::vector<Appeal> search(db::Lease& lease, const Filter& f, int limit, int offset) {
  auto q = build_query(lease, f);
  std::string sql = std::string(k_select) + q.from + q.where + q.order + " LIMIT " +
                    std::to_string(limit + 1) + " OFFSET " + std::to_string(offset);
  return query_appeals(lease, sql, q.args);
}

std::int64_t count_appeals(db::Lease& lease, const Filter& f, std::int64_t cap) {
  auto q = build_query(lease, f);
  long long n = 0;
  soci::statement st(lease.session());
  st.alloc();
  for (const auto& a : q.args) st.exchange(soci::use(a));
  st.exchange(soci::into(n));
  st.prepare("SELECT COUNT(*) FROM (SELECT a.id " + q.from + q.where + " LIMIT " +
             std::to_string(cap) + ") capped");
  st.define_and_bind();
  st.execute(true);
  return n;
}

namespace {
// The search terms of an appeal's text, kept per thread: texts never change, and the
// pages of one grid keep comparing against the same recent appeals. Keyed by id, and the
// text is compared too, so a different database with the same ids cannot mislead it.
const std::vector<std::string>& terms_of(std::int64_t id, const std::string& text) {
  struct Entry {
    std::string text;
    std::vector<std::string> terms;
  };
  thread_local std::unordered_map<std::int64_t, Entry> cache;
  auto it = cache.find(id);
  if (it != cache.end() && it->second.text == text) return it->second.terms;
  if (cache.size() >= 4096) cache.clear();
  auto& e = cache[id];
  e.text = text;
  e.terms = search::document_terms(text);
  return e.terms;
}
}  // namespace

std::vector<std::pair<Appeal, double>> near_duplicates(db::Lease& lease, const Appeal& a,
                                                       std::int64_t since, double threshold) {
  std::vector<std::pair<Appeal, double>> out;
  // Candidates newest first straight from the (place, received_at) index, so that a busy
  // grid stops after 50 rows; only the similar ones are then read with their joins.
  std::string column = a.grid_id ? "grid_id" : "community_id";
  long long place = a.grid_id ? a.grid_id : a.community_id, from = since, self = a.id, id = 0;
  std::string text;
  soci::statement st =
      (lease.session().prepare << "SELECT id, description FROM appeals WHERE " + column +
                                      " = :p AND received_at >= :s AND id <> :self AND status "
                                      "<> 'closed' ORDER BY received_at DESC LIMIT 50",
       soci::use(place), soci::use(from), soci::use(self), soci::into(id), soci::into(text));
  st.execute();
  auto mine = search::document_terms(a.description);
  std::map<std::int64_t, double> scores;
  while (st.fetch()) {
    double score = search::similarity(mine, terms_of(id, text));
    if (score >= threshold) scores[id] = score;
  }
  if (scores.empty()) return out;
  std::string ids;
  for (const auto& [key, score] : scores) ids += (ids.empty() ? "" : ",") + std::to_string(key);
  for (auto& c : query_appeals(
           lease, std::string(k_select) + k_from + "WHERE a.id IN (" + ids + ") ORDER BY a.id DESC",
           {})) {
    double score = scores.at(c.id);
    out.emplace_back(std::move(c), score);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  return out;
}

void kpi_add(db::Lease& lease, const std::string& month, const std::string& subject_kind,
             std::int64_t subject_id, KpiField field, std::int64_t delta) {
  if (!subject_id || !delta) return;
  long long subject = subject_id, d = delta;
  std::string column = field_column(field);
  lease.session() << "INSERT INTO appeal_kpis (month, subject_kind, subject_id, " + column +
                         ") VALUES (:m, :k, :s, :d) ON CONFLICT (month, subject_kind, "
                         "subject_id) DO UPDATE SET " +
                         column + " = appeal_kpis." + column + " + excluded." + column,
      soci::use(month), soci::use(subject_kind), soci::use(subject), soci::use(d);
}

std::vector<KpiRow> kpi_rows(db::Lease& lease, const std::string& month) {
  std::vector<KpiRow> out;
  KpiRow r;
  long long subject = 0, dispatched = 0, on_time = 0, rated = 0, resolved = 0, satisfied = 0,
            basic = 0, unsatisfied = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT subject_kind, subject_id, dispatched, "
                                  "responded_on_time, rated, resolved, satisfied, basic, "
                                  "unsatisfied FROM appeal_kpis WHERE month = :m",
       soci::use(month), soci::into(r.subject_kind), soci::into(subject), soci::into(dispatched),
       soci::into(on_time), soci::into(rated), soci::into(resolved), soci::into(satisfied),
       soci::into(basic), soci::into(unsatisfied));
  st.execute();
  while (st.fetch()) {
    r.subject_id = subject;
    r.counts = {dispatched, on_time, rated, resolved, satisfied, basic, unsatisfied};
    out.push_back(r);
  }
  return out;
}

KpiWeights load_weights(db::Lease& lease) {
  KpiWeights w;
  std::string key, value;
  soci::statement st = (lease.session().prepare << "SELECT setting_key, setting_value FROM "
                                                   "settings WHERE setting_key LIKE 'appeals.%'",
                        soci::into(key), soci::into(value));
  st.execute();
  while (st.fetch()) {
    double v = 0;
    try {
      v = std::stod(value);
    } catch (...) {
      continue;
    }
    if (key == "appeals.weight.response") w.response = v;
    if (key == "appeals.weight.resolution") w.resolution = v;
    if (key == "appeals.weight.satisfaction") w.satisfaction = v;
    if (key == "appeals.weight.basic") w.basic_counts_as = v;
  }
  return w;
}

void save_weights(db::Lease& lease, const KpiWeights& w) {
  for (auto [key, v] : std::initializer_list<std::pair<const char*, double>>{
           {"appeals.weight.response", w.response},
           {"appeals.weight.resolution", w.resolution},
           {"appeals.weight.satisfaction", w.satisfaction},
           {"appeals.weight.basic", w.basic_counts_as}}) {
    std::string k = key, value = std::to_string(v);
    lease.session()
        << "INSERT INTO settings (setting_key, setting_value) VALUES (:k, :v) ON "
           "CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value",
        soci::use(k), soci::use(value);
  }
}

std::string create_api_key(db::Lease& lease, const std::string& name, std::int64_t by,
                           std::int64_t now, std::int64_t* id_out) {
  auto key = "sk_" + crypto::random_token(24);
  auto hash = crypto::blake2b_hex(key);
  auto prefix = key.substr(0, 8);
  long long id = 0, who = by, at = now;
  lease.session() << "INSERT INTO api_keys (name, key_hash, key_prefix, created_by, created_at) "
                     "VALUES (:n, :h, :p, :b, :at) RETURNING id",
      soci::use(name), soci::use(hash), soci::use(prefix), soci::use(who), soci::use(at),
      soci::into(id);
  if (id_out) *id_out = id;
  return key;
}

std::optional<ApiKey> find_api_key(db::Lease& lease, const std::string& key) {
  if (key.empty() || key.size() > 100) return std::nullopt;
  auto hash = crypto::blake2b_hex(key);
  ApiKey k;
  long long id = 0, created = 0;
  soci::indicator ind = soci::i_null;
  lease.session() << "SELECT id, name, key_prefix, created_at FROM api_keys WHERE key_hash = :h "
                     "AND revoked_at = 0",
      soci::use(hash), soci::into(id, ind), soci::into(k.name), soci::into(k.prefix),
      soci::into(created);
  if (ind != soci::i_ok) return std::nullopt;
  k.id = id;
  k.created_at = created;
  return k;
}

std::vector<ApiKey> api_keys(db::Lease& lease) {
  std::vector<ApiKey> out;
  ApiKey k;
  long long id = 0, created = 0, revoked = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT id, name, key_prefix, created_at, revoked_at FROM "
                                  "api_keys ORDER BY id",
       soci::into(id), soci::into(k.name), soci::into(k.prefix), soci::into(created),
       soci::into(revoked));
  st.execute();
  while (st.fetch()) {
    k.id = id;
    k.created_at = created;
    k.revoked_at = revoked;
    out.push_back(k);
  }
  return out;
}

bool revoke_api_key(db::Lease& lease, std::int64_t id, std::int64_t now) {
  long long key = id, at = now;
  soci::statement st = (lease.session().prepare << "UPDATE api_keys SET revoked_at = :at WHERE "
                                                   "id = :id AND revoked_at = 0",
                        soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() > 0;
}
}  // namespace silian::appeals
