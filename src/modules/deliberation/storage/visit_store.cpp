#include "silian/modules/deliberation/storage/visit_store.hpp"

namespace silian::deliberation {
namespace {
constexpr const char* k_request_select =
    "SELECT r.id, r.community_id, u.name, r.requester_id, q.display_name, r.official_id, "
    "o.display_name, r.on_behalf_of, r.subject, r.body, r.status, r.place, r.reply_note, "
    "r.outcome, r.meet_at, r.replied_at, r.outcome_at, r.created_at FROM official_requests r "
    "JOIN org_units u ON u.id = r.community_id JOIN accounts q ON q.id = r.requester_id JOIN "
    "accounts o ON o.id = r.official_id ";

std::vector<OfficialRequest> query_requests(db::Lease& lease, const std::string& where, long long a,
                                            long long b) {
  std::vector<OfficialRequest> out;
  OfficialRequest r;
  long long id = 0, community = 0, requester = 0, official = 0, meet = 0, replied = 0,
            outcome_at = 0, created = 0;
  soci::statement st(lease.session());
  st.exchange(soci::into(id));
  st.exchange(soci::into(community));
  st.exchange(soci::into(r.community_name));
  st.exchange(soci::into(requester));
  st.exchange(soci::into(r.requester_name));
  st.exchange(soci::into(official));
  for (auto* s : {&r.official_name, &r.on_behalf_of, &r.subject, &r.body, &r.status, &r.place,
                  &r.reply_note, &r.outcome})
    st.exchange(soci::into(*s));
  for (auto* v : {&meet, &replied, &outcome_at, &created}) st.exchange(soci::into(*v));
  st.exchange(soci::use(a, "a"));
  st.exchange(soci::use(b, "b"));
  st.alloc();
  st.prepare(std::string(k_request_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.community_id = community;
    r.requester_id = requester;
    r.official_id = official;
    r.meet_at = meet;
    r.replied_at = replied;
    r.outcome_at = outcome_at;
    r.created_at = created;
    out.push_back(r);
  }
  return out;
}

constexpr const char* k_visit_select =
    "SELECT v.id, v.leader_id, a.display_name, v.community_id, u.name, v.place, v.purpose, "
    "v.outcome, v.starts_at, v.ends_at, v.outcome_at, v.created_at FROM leader_visits v JOIN "
    "accounts a ON a.id = v.leader_id JOIN org_units u ON u.id = v.community_id ";

std::vector<Visit> query_visits(db::Lease& lease, const std::string& where, long long a,
                                long long b) {
  std::vector<Visit> out;
  Visit v;
  long long id = 0, leader = 0, community = 0, starts = 0, ends = 0, outcome_at = 0, created = 0;
  soci::statement st(lease.session());
  st.exchange(soci::into(id));
  st.exchange(soci::into(leader));
  st.exchange(soci::into(v.leader_name));
  st.exchange(soci::into(community));
  for (auto* s : {&v.community_name, &v.place, &v.purpose, &v.outcome}) st.exchange(soci::into(*s));
  for (auto* x : {&starts, &ends, &outcome_at, &created}) st.exchange(soci::into(*x));
  st.exchange(soci::use(a, "a"));
  st.exchange(soci::use(b, "b"));
  st.alloc();
  st.prepare(std::string(k_visit_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    v.id = id;
    v.leader_id = leader;
    v.community_id = community;
    v.starts_at = starts;
    v.ends_at = ends;
    v.outcome_at = outcome_at;
    v.created_at = created;
    out.push_back(v);
  }
  return out;
}
}  // namespace

std::int64_t insert_request(db::Lease& lease, const OfficialRequest& r) {
  long long id = 0, community = r.community_id, requester = r.requester_id,
            official = r.official_id, at = r.created_at;
  lease.session() << "INSERT INTO official_requests (community_id, requester_id, on_behalf_of, "
                     "official_id, subject, body, status, created_at) VALUES (:c, :r, :g, :o, "
                     ":s, :b, 'pending', :at) RETURNING id",
      soci::use(community), soci::use(requester), soci::use(r.on_behalf_of), soci::use(official),
      soci::use(r.subject), soci::use(r.body), soci::use(at), soci::into(id);
  return id;
}

std::optional<OfficialRequest> find_request(db::Lease& lease, std::int64_t id) {
  auto rows = query_requests(lease, "WHERE r.id = :a AND :b = 0", id, 0);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<OfficialRequest> requests_of(db::Lease& lease, std::int64_t account_id) {
  return query_requests(lease,
                        "WHERE r.requester_id = :a OR r.official_id = :b ORDER BY r.created_at "
                        "DESC, r.id DESC LIMIT 100",
                        account_id, account_id);
}

std::vector<OfficialRequest> accepted_requests_between(db::Lease& lease, std::int64_t from,
                                                       std::int64_t until) {
  return query_requests(lease,
                        "WHERE r.status = 'accepted' AND r.meet_at >= :a AND r.meet_at < :b "
                        "ORDER BY r.meet_at LIMIT 500",
                        from, until);
}

void answer_request(db::Lease& lease, std::int64_t id, const std::string& status,
                    std::int64_t meet_at, const std::string& place, const std::string& note,
                    std::int64_t now) {
  long long key = id, meet = meet_at, at = now;
  lease.session() << "UPDATE official_requests SET status = :s, meet_at = :m, place = :p, "
                     "reply_note = :n, replied_at = :at WHERE id = :id",
      soci::use(status), soci::use(meet), soci::use(place), soci::use(note), soci::use(at),
      soci::use(key);
}

void record_request_outcome(db::Lease& lease, std::int64_t id, const std::string& outcome,
                            std::int64_t now) {
  long long key = id, at = now;
  lease.session() << "UPDATE official_requests SET outcome = :o, outcome_at = :at WHERE id = :id",
      soci::use(outcome), soci::use(at), soci::use(key);
}

std::int64_t insert_visit(db::Lease& lease, const Visit& v) {
  long long id = 0, leader = v.leader_id, community = v.community_id, starts = v.starts_at,
            ends = v.ends_at, at = v.created_at;
  lease.session() << "INSERT INTO leader_visits (leader_id, community_id, starts_at, ends_at, "
                     "place, purpose, created_at) VALUES (:l, :c, :s, :e, :p, :u, :at) "
                     "RETURNING id",
      soci::use(leader), soci::use(community), soci::use(starts), soci::use(ends),
      soci::use(v.place), soci::use(v.purpose), soci::use(at), soci::into(id);
  return id;
}

std::optional<Visit> find_visit(db::Lease& lease, std::int64_t id) {
  auto rows = query_visits(lease, "WHERE v.id = :a AND :b = 0", id, 0);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Visit> visits_between(db::Lease& lease, std::int64_t from, std::int64_t until) {
  return query_visits(lease,
                      "WHERE v.starts_at >= :a AND v.starts_at < :b ORDER BY v.starts_at LIMIT "
                      "500",
                      from, until);
}

void record_visit_outcome(db::Lease& lease, std::int64_t id, const std::string& outcome,
                          std::int64_t now) {
  long long key = id, at = now;
  lease.session() << "UPDATE leader_visits SET outcome = :o, outcome_at = :at WHERE id = :id",
      soci::use(outcome), soci::use(at), soci::use(key);
}
}  // namespace silian::deliberation
