#include "silian/modules/deliberation/storage/vote_store.hpp"

namespace silian::deliberation {
namespace {
constexpr const char* k_vote_select =
    "SELECT v.id, v.topic_id, v.meeting_id, t.title, u.path, t.community_id, v.rule_code, "
    "v.electorate, v.question, v.status, v.reason, v.opened_at, v.closes_at, v.closed_at, "
    "v.opened_by, v.electorate_heads, v.electorate_area, v.present_heads, v.present_area, "
    "v.yes_heads, v.no_heads, v.abstain_heads, v.yes_area, v.no_area, v.abstain_area, "
    "v.quorum_met, v.passed FROM votes v JOIN topics t ON t.id = v.topic_id JOIN org_units u "
    "ON u.id = t.community_id ";

std::vector<Vote> query_votes(db::Lease& lease, const std::string& where, long long arg) {
  std::vector<Vote> out;
  Vote v;
  long long id = 0, topic = 0, meeting = 0, community = 0, opened = 0, closes = 0, closed = 0,
            by = 0;
  long long n[10] = {};  // electorate heads and area, then the tally in column order
  long long quorum = 0, passed = 0;
  soci::statement st(lease.session());
  for (auto* x : {&id, &topic, &meeting}) st.exchange(soci::into(*x));
  st.exchange(soci::into(v.topic_title));
  st.exchange(soci::into(v.community_path));
  st.exchange(soci::into(community));
  for (auto* s : {&v.rule_code, &v.electorate, &v.question, &v.status, &v.reason})
    st.exchange(soci::into(*s));
  for (auto* x : {&opened, &closes, &closed, &by}) st.exchange(soci::into(*x));
  for (auto& x : n) st.exchange(soci::into(x));
  st.exchange(soci::into(quorum));
  st.exchange(soci::into(passed));
  st.exchange(soci::use(arg, "a"));
  st.alloc();
  st.prepare(std::string(k_vote_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    v.id = id;
    v.topic_id = topic;
    v.meeting_id = meeting;
    v.community_id = community;
    v.opened_at = opened;
    v.closes_at = closes;
    v.closed_at = closed;
    v.opened_by = by;
    v.size = {n[0], n[1]};
    v.tally = {n[2], n[4], n[5], n[6], n[3], n[7], n[8], n[9]};
    v.quorum_met = quorum != 0;
    v.passed = passed != 0;
    out.push_back(v);
  }
  return out;
}

std::optional<Vote> one_vote(db::Lease& lease, const std::string& where, long long arg) {
  auto rows = query_votes(lease, where, arg);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}
}  // namespace

std::int64_t insert_vote(db::Lease& lease, Vote& v) {
  long long id = 0, topic = v.topic_id, meeting = v.meeting_id, opened = v.opened_at,
            closes = v.closes_at, heads = v.size.heads, area = v.size.area, by = v.opened_by;
  lease.session() << "INSERT INTO votes (topic_id, meeting_id, rule_code, electorate, question, "
                     "status, opened_at, closes_at, electorate_heads, electorate_area, opened_by) "
                     "VALUES (:t, :m, :r, :e, :q, :s, :o, :c, :h, :a, :b) RETURNING id",
      soci::use(topic), soci::use(meeting), soci::use(v.rule_code), soci::use(v.electorate),
      soci::use(v.question), soci::use(v.status), soci::use(opened), soci::use(closes),
      soci::use(heads), soci::use(area), soci::use(by), soci::into(id);
  v.id = id;
  return id;
}

std::optional<Vote> find_vote(db::Lease& lease, std::int64_t id) {
  return one_vote(lease, "WHERE v.id = :a", id);
}

std::optional<Vote> find_vote_for_update(db::Lease& lease, std::int64_t id) {
  if (lease.engine() == db::Engine::sqlite) return find_vote(lease, id);
  return one_vote(lease, "WHERE v.id = :a FOR UPDATE OF v", id);
}

std::optional<Vote> vote_of_topic(db::Lease& lease, std::int64_t topic_id) {
  return one_vote(lease, "WHERE v.topic_id = :a ORDER BY v.id DESC LIMIT 1", topic_id);
}

std::vector<Vote> votes_of_meeting(db::Lease& lease, std::int64_t meeting_id) {
  return query_votes(lease, "WHERE v.meeting_id = :a ORDER BY v.id", meeting_id);
}

void store_result(db::Lease& lease, const Vote& v) {
  long long id = v.id, ph = v.tally.present_heads, pa = v.tally.present_area,
            yh = v.tally.yes_heads, nh = v.tally.no_heads, ah = v.tally.abstain_heads,
            ya = v.tally.yes_area, na = v.tally.no_area, aa = v.tally.abstain_area,
            quorum = v.quorum_met ? 1 : 0, passed = v.passed ? 1 : 0, closed = v.closed_at;
  lease.session() << "UPDATE votes SET status = :s, present_heads = :ph, present_area = :pa, "
                     "yes_heads = :yh, no_heads = :nh, abstain_heads = :ah, yes_area = :ya, "
                     "no_area = :na, abstain_area = :aa, quorum_met = :q, passed = :p, reason = "
                     ":r, closed_at = :c WHERE id = :id",
      soci::use(v.status), soci::use(ph), soci::use(pa), soci::use(yh), soci::use(nh),
      soci::use(ah), soci::use(ya), soci::use(na), soci::use(aa), soci::use(quorum),
      soci::use(passed), soci::use(v.reason), soci::use(closed), soci::use(id);
}

void insert_electors(db::Lease& lease, std::int64_t vote_id,
                     const std::vector<std::pair<std::string, std::int64_t>>& electors) {
  long long vote = vote_id, area = 0;
  std::string key;
  soci::statement st = (lease.session().prepare << "INSERT INTO vote_electors (vote_id, "
                                                   "voter_key, area) VALUES (:v, :k, :a)",
                        soci::use(vote), soci::use(key), soci::use(area));
  for (const auto& [k, a] : electors) {
    key = k;
    area = a;
    st.execute(true);
  }
}

std::optional<std::int64_t> elector_area(db::Lease& lease, std::int64_t vote_id,
                                         const std::string& voter_key) {
  long long vote = vote_id, area = 0;
  soci::indicator found = soci::i_null;
  lease.session() << "SELECT area FROM vote_electors WHERE vote_id = :v AND voter_key = :k",
      soci::use(vote), soci::use(voter_key), soci::into(area, found);
  if (found != soci::i_ok) return std::nullopt;
  return area;
}

void put_ballot(db::Lease& lease, std::int64_t vote_id, const Ballot& b) {
  long long vote = vote_id, account = b.account_id, area = b.area, at = b.cast_at;
  lease.session() << "INSERT INTO ballots (vote_id, voter_key, account_id, choice, area, "
                     "channel, cast_at) VALUES (:v, :k, :a, :c, :ar, :ch, :at) ON CONFLICT "
                     "(vote_id, voter_key) DO UPDATE SET account_id = excluded.account_id, "
                     "choice = excluded.choice, area = excluded.area, channel = "
                     "excluded.channel, cast_at = excluded.cast_at",
      soci::use(vote), soci::use(b.voter_key), soci::use(account), soci::use(b.choice),
      soci::use(area), soci::use(b.channel), soci::use(at);
}

std::optional<Ballot> ballot_of(db::Lease& lease, std::int64_t vote_id,
                                const std::string& voter_key) {
  for (auto& b : ballots_of(lease, vote_id))
    if (b.voter_key == voter_key) return b;
  return std::nullopt;
}

std::vector<Ballot> ballots_of(db::Lease& lease, std::int64_t vote_id) {
  std::vector<Ballot> out;
  Ballot b;
  long long vote = vote_id, account = 0, area = 0, at = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT voter_key, account_id, choice, area, channel, cast_at "
                                  "FROM ballots WHERE vote_id = :v ORDER BY voter_key",
       soci::use(vote), soci::into(b.voter_key), soci::into(account), soci::into(b.choice),
       soci::into(area), soci::into(b.channel), soci::into(at));
  st.execute();
  while (st.fetch()) {
    b.account_id = account;
    b.area = area;
    b.cast_at = at;
    out.push_back(b);
  }
  return out;
}

std::int64_t insert_decision(db::Lease& lease, const Decision& d) {
  long long id = 0, topic = d.topic_id, vote = d.vote_id, at = d.decided_at;
  lease.session() << "INSERT INTO decisions (topic_id, vote_id, text, decided_at) VALUES (:t, "
                     ":v, :x, :at) RETURNING id",
      soci::use(topic), soci::use(vote), soci::use(d.text), soci::use(at), soci::into(id);
  return id;
}

namespace {
std::optional<Decision> one_decision(db::Lease& lease, const std::string& column, long long key) {
  Decision d;
  long long id = 0, topic = 0, vote = 0, at = 0;
  soci::indicator found = soci::i_null;
  lease.session() << "SELECT id, topic_id, vote_id, text, decided_at FROM decisions WHERE " +
                         column + " = :k",
      soci::use(key), soci::into(id, found), soci::into(topic), soci::into(vote),
      soci::into(d.text), soci::into(at);
  if (found != soci::i_ok) return std::nullopt;
  d.id = id;
  d.topic_id = topic;
  d.vote_id = vote;
  d.decided_at = at;
  return d;
}
}  // namespace

std::optional<Decision> decision_of_topic(db::Lease& lease, std::int64_t topic_id) {
  return one_decision(lease, "topic_id", topic_id);
}

std::optional<Decision> find_decision(db::Lease& lease, std::int64_t id) {
  return one_decision(lease, "id", id);
}
}  // namespace silian::deliberation
