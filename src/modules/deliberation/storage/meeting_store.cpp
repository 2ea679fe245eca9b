#include "silian/modules/deliberation/storage/meeting_store.hpp"

namespace silian::deliberation {
namespace {
constexpr const char* k_meeting_select =
    "SELECT m.id, m.community_id, u.name, u.path, m.title, m.kind, m.place, m.online_url, "
    "m.status, m.minutes, m.starts_at, m.ends_at, m.noticed_at, m.minutes_at, m.created_by, "
    "m.created_at, m.updated_at FROM meetings m JOIN org_units u ON u.id = m.community_id ";

std::vector<Meeting> query_meetings(db::Lease& lease, const std::string& where,
                                    const std::vector<long long>& args) {
  std::vector<Meeting> out;
  Meeting m;
  long long id = 0, community = 0, starts = 0, ends = 0, noticed = 0, minutes_at = 0, by = 0,
            created = 0, updated = 0;
  soci::statement st(lease.session());
  st.exchange(soci::into(id));
  st.exchange(soci::into(community));
  for (auto* s : {&m.community_name, &m.community_path, &m.title, &m.kind, &m.place, &m.online_url,
                  &m.status, &m.minutes})
    st.exchange(soci::into(*s));
  for (auto* v : {&starts, &ends, &noticed, &minutes_at, &by, &created, &updated})
    st.exchange(soci::into(*v));
  std::vector<long long> values = args;  // SOCI binds by reference
  for (std::size_t i = 0; i < values.size(); ++i)
    st.exchange(soci::use(values[i], "a" + std::to_string(i)));
  st.alloc();
  st.prepare(std::string(k_meeting_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    m.id = id;
    m.community_id = community;
    m.starts_at = starts;
    m.ends_at = ends;
    m.noticed_at = noticed;
    m.minutes_at = minutes_at;
    m.created_by = by;
    m.created_at = created;
    m.updated_at = updated;
    out.push_back(m);
  }
  return out;
}
}  // namespace

std::int64_t insert_meeting(db::Lease& lease, Meeting& m) {
  long long id = 0, community = m.community_id, starts = m.starts_at, ends = m.ends_at,
            by = m.created_by, at = m.created_at;
  lease.session() << "INSERT INTO meetings (community_id, title, kind, starts_at, ends_at, place, "
                     "online_url, status, created_by, created_at, updated_at) VALUES (:c, :t, :k, "
                     ":s, :e, :p, :o, :st, :b, :at, :up) RETURNING id",
      soci::use(community), soci::use(m.title), soci::use(m.kind), soci::use(starts),
      soci::use(ends), soci::use(m.place), soci::use(m.online_url), soci::use(m.status),
      soci::use(by), soci::use(at), soci::use(at), soci::into(id);
  m.id = id;
  m.updated_at = m.created_at;
  return id;
}

std::optional<Meeting> find_meeting(db::Lease& lease, std::int64_t id) {
  auto rows = query_meetings(lease, "WHERE m.id = :a0", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Meeting> find_meeting_for_update(db::Lease& lease, std::int64_t id) {
  if (lease.engine() == db::Engine::sqlite) return find_meeting(lease, id);
  auto rows = query_meetings(lease, "WHERE m.id = :a0 FOR UPDATE OF m", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Meeting> meetings_between(db::Lease& lease, std::int64_t community_id,
                                      std::int64_t from, std::int64_t until, int limit) {
  std::string where = "WHERE m.starts_at >= :a0 AND m.starts_at < :a1";
  std::vector<long long> args{from, until};
  if (community_id) {
    where += " AND m.community_id = :a2";
    args.push_back(community_id);
  }
  return query_meetings(lease, where + " ORDER BY m.starts_at, m.id LIMIT " + std::to_string(limit),
                        args);
}

void mark_noticed(db::Lease& lease, std::int64_t id, std::int64_t now) {
  long long key = id, at = now;
  lease.session() << "UPDATE meetings SET status = 'noticed', noticed_at = :at, updated_at = :u "
                     "WHERE id = :id",
      soci::use(at), soci::use(at), soci::use(key);
}

void save_minutes(db::Lease& lease, std::int64_t id, const std::string& minutes, std::int64_t now) {
  long long key = id, at = now;
  lease.session() << "UPDATE meetings SET minutes = :m, minutes_at = :at, updated_at = :u WHERE "
                     "id = :id",
      soci::use(minutes), soci::use(at), soci::use(at), soci::use(key);
}

std::vector<AgendaItem> agenda(db::Lease& lease, std::int64_t meeting_id) {
  std::vector<AgendaItem> out;
  AgendaItem a;
  long long meeting = meeting_id, topic = 0, position = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT i.topic_id, i.position, t.title, t.status FROM "
                                  "meeting_items i JOIN topics t ON t.id = i.topic_id WHERE "
                                  "i.meeting_id = :m ORDER BY i.position",
       soci::use(meeting), soci::into(topic), soci::into(position), soci::into(a.title),
       soci::into(a.status));
  st.execute();
  while (st.fetch()) {
    a.topic_id = topic;
    a.position = position;
    out.push_back(a);
  }
  return out;
}

bool add_agenda_item(db::Lease& lease, std::int64_t meeting_id, std::int64_t topic_id) {
  long long meeting = meeting_id, topic = topic_id, next = 0;
  lease.session() << "SELECT COALESCE(MAX(position), 0) + 1 FROM meeting_items WHERE meeting_id "
                     "= :m",
      soci::use(meeting), soci::into(next);
  soci::statement st = (lease.session().prepare << "INSERT INTO meeting_items (meeting_id, "
                                                   "topic_id, position) VALUES (:m, :t, :p) ON "
                                                   "CONFLICT (meeting_id, topic_id) DO NOTHING",
                        soci::use(meeting), soci::use(topic), soci::use(next));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool on_noticed_agenda(db::Lease& lease, std::int64_t meeting_id, std::int64_t topic_id) {
  long long meeting = meeting_id, topic = topic_id, n = 0;
  lease.session() << "SELECT COUNT(*) FROM meeting_items i JOIN meetings m ON m.id = "
                     "i.meeting_id WHERE i.meeting_id = :m AND i.topic_id = :t AND m.status = "
                     "'noticed' AND m.noticed_at > 0",
      soci::use(meeting), soci::use(topic), soci::into(n);
  return n > 0;
}

std::int64_t insert_invitation(db::Lease& lease, const Invitation& i, std::int64_t now) {
  long long id = 0, meeting = i.meeting_id, account = i.account_id, unit = i.unit_id, at = now;
  soci::indicator account_ind = i.account_id ? soci::i_ok : soci::i_null,
                  unit_ind = i.unit_id ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO meeting_invitations (meeting_id, account_id, unit_id, note, "
                     "created_at) VALUES (:m, :a, :u, :n, :at) RETURNING id",
      soci::use(meeting), soci::use(account, account_ind), soci::use(unit, unit_ind),
      soci::use(i.note), soci::use(at), soci::into(id);
  return id;
}

namespace {
constexpr const char* k_invitation_select =
    "SELECT i.id, i.meeting_id, COALESCE(i.account_id, 0), COALESCE(i.unit_id, 0), "
    "COALESCE(a.display_name, u.name, ''), COALESCE(u.path, ''), i.note, i.reply, i.reply_note, "
    "i.replied_by, i.replied_at, i.attended FROM meeting_invitations i LEFT JOIN accounts a ON "
    "a.id = i.account_id LEFT JOIN org_units u ON u.id = i.unit_id ";

std::vector<Invitation> query_invitations(db::Lease& lease, const std::string& where,
                                          long long arg) {
  std::vector<Invitation> out;
  Invitation i;
  long long id = 0, meeting = 0, account = 0, unit = 0, by = 0, at = 0, attended = 0;
  soci::statement st =
      (lease.session().prepare << std::string(k_invitation_select) + where, soci::use(arg),
       soci::into(id), soci::into(meeting), soci::into(account), soci::into(unit),
       soci::into(i.invitee_name), soci::into(i.unit_path), soci::into(i.note), soci::into(i.reply),
       soci::into(i.reply_note), soci::into(by), soci::into(at), soci::into(attended));
  st.execute();
  while (st.fetch()) {
    i.id = id;
    i.meeting_id = meeting;
    i.account_id = account;
    i.unit_id = unit;
    i.replied_by = by;
    i.replied_at = at;
    i.attended = attended != 0;
    out.push_back(i);
  }
  return out;
}
}  // namespace

std::vector<Invitation> invitations_of(db::Lease& lease, std::int64_t meeting_id) {
  return query_invitations(lease, "WHERE i.meeting_id = :m ORDER BY i.id", meeting_id);
}

std::optional<Invitation> find_invitation(db::Lease& lease, std::int64_t id) {
  auto rows = query_invitations(lease, "WHERE i.id = :m", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void reply_invitation(db::Lease& lease, std::int64_t id, const std::string& reply,
                      const std::string& note, std::int64_t by, std::int64_t now) {
  long long key = id, who = by, at = now;
  lease.session() << "UPDATE meeting_invitations SET reply = :r, reply_note = :n, replied_by = "
                     ":b, replied_at = :at WHERE id = :id",
      soci::use(reply), soci::use(note), soci::use(who), soci::use(at), soci::use(key);
}

void set_attended(db::Lease& lease, std::int64_t id, bool attended) {
  long long key = id, value = attended ? 1 : 0;
  lease.session() << "UPDATE meeting_invitations SET attended = :v WHERE id = :id",
      soci::use(value), soci::use(key);
}

void add_attendee(db::Lease& lease, std::int64_t meeting_id, const Attendee& a, std::int64_t by,
                  std::int64_t now) {
  long long meeting = meeting_id, who = by, at = now;
  lease.session() << "INSERT INTO meeting_attendance (meeting_id, name, capacity, mode, "
                     "recorded_by, recorded_at) VALUES (:m, :n, :c, :mo, :b, :at)",
      soci::use(meeting), soci::use(a.name), soci::use(a.capacity), soci::use(a.mode),
      soci::use(who), soci::use(at);
}

std::vector<Attendee> attendees(db::Lease& lease, std::int64_t meeting_id) {
  std::vector<Attendee> out;
  Attendee a;
  long long meeting = meeting_id, id = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT id, name, capacity, mode FROM meeting_attendance "
                                  "WHERE meeting_id = :m ORDER BY id",
       soci::use(meeting), soci::into(id), soci::into(a.name), soci::into(a.capacity),
       soci::into(a.mode));
  st.execute();
  while (st.fetch()) {
    a.id = id;
    out.push_back(a);
  }
  return out;
}

std::int64_t insert_comment(db::Lease& lease, const Comment& c) {
  long long id = 0, topic = c.topic_id, account = c.account_id, at = c.at;
  lease.session() << "INSERT INTO topic_comments (topic_id, account_id, body, at, author_kind) "
                     "VALUES (:t, :a, :b, :at, :k) RETURNING id",
      soci::use(topic), soci::use(account), soci::use(c.body), soci::use(at),
      soci::use(c.author_kind), soci::into(id);
  return id;
}

namespace {
std::vector<Comment> query_comments(db::Lease& lease, const std::string& where, long long arg) {
  std::vector<Comment> out;
  Comment c;
  long long id = 0, topic = 0, account = 0, at = 0, hidden = 0;
  soci::statement st =
      (lease.session().prepare
           << "SELECT c.id, c.topic_id, c.account_id, c.at, "
              "a.display_name, c.body, c.hidden, c.hidden_reason, c.author_kind FROM "
              "topic_comments c JOIN accounts a ON a.id = c.account_id " +
                  where,
       soci::use(arg), soci::into(id), soci::into(topic), soci::into(account), soci::into(at),
       soci::into(c.author), soci::into(c.body), soci::into(hidden), soci::into(c.hidden_reason),
       soci::into(c.author_kind));
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.topic_id = topic;
    c.account_id = account;
    c.at = at;
    c.hidden = hidden != 0;
    out.push_back(c);
  }
  return out;
}
}  // namespace

std::vector<Comment> comments_of(db::Lease& lease, std::int64_t topic_id) {
  return query_comments(lease, "WHERE c.topic_id = :t ORDER BY c.id", topic_id);
}

std::optional<Comment> find_comment(db::Lease& lease, std::int64_t id) {
  auto rows = query_comments(lease, "WHERE c.id = :t", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void hide_comment(db::Lease& lease, std::int64_t id, std::int64_t by, const std::string& reason) {
  long long key = id, who = by;
  lease.session() << "UPDATE topic_comments SET hidden = 1, hidden_by = :b, hidden_reason = :r "
                     "WHERE id = :id",
      soci::use(who), soci::use(reason), soci::use(key);
}
}  // namespace silian::deliberation
