#include "silian/modules/deliberation/storage/deliberation_store.hpp"

#include "silian/modules/org/storage/people_store.hpp"

namespace silian::deliberation {
namespace {
constexpr const char* k_council_select =
    "SELECT c.id, c.community_id, u.name, u.path, c.kind, c.name, c.rules, c.term_start, "
    "c.term_end, c.proposal_threshold, c.updated_at, c.notice_days FROM councils c JOIN org_units "
    "u ON u.id "
    "= c.community_id ";

struct CouncilRow {
  Council c;
  long long id = 0, community = 0, threshold = 0, updated = 0, notice = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(community));
    st.exchange(soci::into(c.community_name));
    st.exchange(soci::into(c.community_path));
    st.exchange(soci::into(c.kind));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.rules));
    st.exchange(soci::into(c.term_start));
    st.exchange(soci::into(c.term_end));
    st.exchange(soci::into(threshold));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(notice));
  }
  Council get() {
    c.id = id;
    c.community_id = community;
    c.proposal_threshold = threshold;
    c.updated_at = updated;
    c.notice_days = notice;
    return c;
  }
};

std::vector<Council> query_councils(db::Lease& lease, const std::string& where, long long arg,
                                    const std::string& text = "") {
  std::vector<Council> out;
  CouncilRow row;
  soci::statement st(lease.session());
  row.bind(st);
  st.exchange(soci::use(arg, "a"));
  if (!text.empty()) st.exchange(soci::use(text, "k"));
  st.alloc();
  st.prepare(std::string(k_council_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.get());
  return out;
}

constexpr const char* k_topic_select =
    "SELECT t.id, t.community_id, u.name, u.path, t.title, t.body, t.source, t.status, "
    "COALESCE(t.appeal_id, 0), COALESCE(t.proposer_id, 0), COALESCE(t.proposer_unit_id, 0), "
    "COALESCE(p.display_name, ''), t.cosign_threshold, t.cosign_count, t.created_at, "
    "t.updated_at FROM topics t JOIN org_units u ON u.id = t.community_id LEFT JOIN accounts p "
    "ON p.id = t.proposer_id ";

std::vector<Topic> query_topics(db::Lease& lease, const std::string& where,
                                const std::vector<std::pair<std::string, std::string>>& args) {
  std::vector<Topic> out;
  Topic t;
  long long id = 0, community = 0, appeal = 0, proposer = 0, unit = 0, threshold = 0, count = 0,
            created = 0, updated = 0;
  soci::statement st(lease.session());
  for (auto* v : {&id, &community}) st.exchange(soci::into(*v));
  for (auto* s : {&t.community_name, &t.community_path, &t.title, &t.body, &t.source, &t.status})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(appeal));
  st.exchange(soci::into(proposer));
  st.exchange(soci::into(unit));
  st.exchange(soci::into(t.proposer_name));
  for (auto* v : {&threshold, &count, &created, &updated}) st.exchange(soci::into(*v));
  for (const auto& [name, value] : args) st.exchange(soci::use(value, name));
  st.alloc();
  st.prepare(std::string(k_topic_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    t.id = id;
    t.community_id = community;
    t.appeal_id = appeal;
    t.proposer_id = proposer;
    t.proposer_unit_id = unit;
    t.cosign_threshold = threshold;
    t.cosign_count = count;
    t.created_at = created;
    t.updated_at = updated;
    out.push_back(t);
  }
  return out;
}

std::optional<Topic> one_topic(db::Lease& lease, const std::string& where, const std::string& arg) {
  auto rows = query_topics(lease, where, {{"a", arg}});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::string measure_name(Measure m) {
  return m == Measure::heads_and_area ? "heads_and_area" : "heads";
}
}  // namespace

std::vector<Council> councils_in(db::Lease& lease, std::int64_t community_id) {
  return query_councils(lease, "WHERE c.community_id = :a ORDER BY c.kind", community_id);
}

std::optional<Council> find_council(db::Lease& lease, std::int64_t id) {
  auto rows = query_councils(lease, "WHERE c.id = :a", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Council> council_of(db::Lease& lease, std::int64_t community_id,
                                  const std::string& kind) {
  auto rows =
      query_councils(lease, "WHERE c.community_id = :a AND c.kind = :k", community_id, kind);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::int64_t insert_council(db::Lease& lease, const Council& c) {
  long long id = 0, community = c.community_id, threshold = c.proposal_threshold, at = c.updated_at,
            notice = c.notice_days;
  lease.session() << "INSERT INTO councils (community_id, kind, name, rules, term_start, "
                     "term_end, proposal_threshold, updated_at, notice_days) VALUES (:cm, :k, "
                     ":n, :r, :s, :e, :t, :at, :nd) RETURNING id",
      soci::use(community), soci::use(c.kind), soci::use(c.name), soci::use(c.rules),
      soci::use(c.term_start), soci::use(c.term_end), soci::use(threshold), soci::use(at),
      soci::use(notice), soci::into(id);
  return id;
}

void update_council(db::Lease& lease, const Council& c) {
  long long id = c.id, threshold = c.proposal_threshold, at = c.updated_at, notice = c.notice_days;
  lease.session() << "UPDATE councils SET name = :n, rules = :r, term_start = :s, term_end = "
                     ":e, proposal_threshold = :t, updated_at = :at, notice_days = :nd WHERE id "
                     "= :id",
      soci::use(c.name), soci::use(c.rules), soci::use(c.term_start), soci::use(c.term_end),
      soci::use(threshold), soci::use(at), soci::use(notice), soci::use(id);
}

std::vector<Member> members_of(db::Lease& lease, std::int64_t council_id) {
  std::vector<Member> out;
  Member m;
  long long id = 0, council = council_id, account = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT id, COALESCE(account_id, 0), name, position, sector, "
                                  "term_start, term_end FROM council_members WHERE council_id = "
                                  ":c ORDER BY CASE position WHEN 'chair' THEN 0 WHEN "
                                  "'vice_chair' THEN 1 ELSE 2 END, id",
       soci::use(council), soci::into(id), soci::into(account), soci::into(m.name),
       soci::into(m.position), soci::into(m.sector), soci::into(m.term_start),
       soci::into(m.term_end));
  st.execute();
  while (st.fetch()) {
    m.id = id;
    m.council_id = council_id;
    m.account_id = account;
    out.push_back(m);
  }
  return out;
}

std::int64_t insert_member(db::Lease& lease, const Member& m, std::int64_t now) {
  long long id = 0, council = m.council_id, account = m.account_id, at = now;
  soci::indicator account_ind = m.account_id ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO council_members (council_id, account_id, name, position, "
                     "sector, term_start, term_end, created_at) VALUES (:c, :a, :n, :p, :s, "
                     ":ts, :te, :at) RETURNING id",
      soci::use(council), soci::use(account, account_ind), soci::use(m.name), soci::use(m.position),
      soci::use(m.sector), soci::use(m.term_start), soci::use(m.term_end), soci::use(at),
      soci::into(id);
  return id;
}

bool remove_member(db::Lease& lease, std::int64_t council_id, std::int64_t member_id) {
  long long council = council_id, id = member_id;
  soci::statement st = (lease.session().prepare << "DELETE FROM council_members WHERE id = :id "
                                                   "AND council_id = :c",
                        soci::use(id), soci::use(council));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<VotingRule> voting_rules(db::Lease& lease) {
  std::vector<VotingRule> out;
  VotingRule r;
  std::string measure;
  long long qn = 0, qd = 0, qs = 0, an = 0, ad = 0, as = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT code, measure, quorum_numerator, quorum_denominator, "
                                  "quorum_strict, approval_numerator, approval_denominator, "
                                  "approval_strict FROM voting_rules ORDER BY builtin DESC, id",
       soci::into(r.code), soci::into(measure), soci::into(qn), soci::into(qd), soci::into(qs),
       soci::into(an), soci::into(ad), soci::into(as));
  st.execute();
  while (st.fetch()) {
    r.measure = measure == "heads_and_area" ? Measure::heads_and_area : Measure::heads;
    r.quorum = qd > 0 ? std::optional(Fraction{qn, qd, qs != 0}) : std::nullopt;
    r.approval = {an, ad, as != 0};
    out.push_back(r);
  }
  return out;
}

std::optional<VotingRule> find_voting_rule(db::Lease& lease, const std::string& code) {
  for (auto& r : voting_rules(lease))
    if (r.code == code) return r;
  return std::nullopt;
}

void put_voting_rule(db::Lease& lease, const VotingRule& rule, bool builtin) {
  long long qn = rule.quorum ? rule.quorum->numerator : 0,
            qd = rule.quorum ? rule.quorum->denominator : 0,
            qs = rule.quorum && rule.quorum->strictly_more ? 1 : 0, an = rule.approval.numerator,
            ad = rule.approval.denominator, as = rule.approval.strictly_more ? 1 : 0,
            b = builtin ? 1 : 0;
  std::string measure = measure_name(rule.measure);
  lease.session() << "INSERT INTO voting_rules (code, measure, quorum_numerator, "
                     "quorum_denominator, quorum_strict, approval_numerator, "
                     "approval_denominator, approval_strict, builtin) VALUES (:c, :m, :qn, :qd, "
                     ":qs, :an, :ad, :as, :b) ON CONFLICT (code) DO UPDATE SET measure = "
                     "excluded.measure, quorum_numerator = excluded.quorum_numerator, "
                     "quorum_denominator = excluded.quorum_denominator, quorum_strict = "
                     "excluded.quorum_strict, approval_numerator = excluded.approval_numerator, "
                     "approval_denominator = excluded.approval_denominator, approval_strict = "
                     "excluded.approval_strict",
      soci::use(rule.code), soci::use(measure), soci::use(qn), soci::use(qd), soci::use(qs),
      soci::use(an), soci::use(ad), soci::use(as), soci::use(b);
}

std::int64_t insert_topic(db::Lease& lease, Topic& t) {
  long long id = 0, community = t.community_id, appeal = t.appeal_id, proposer = t.proposer_id,
            unit = t.proposer_unit_id, threshold = t.cosign_threshold, count = t.cosign_count,
            at = t.created_at;
  soci::indicator appeal_ind = t.appeal_id ? soci::i_ok : soci::i_null,
                  proposer_ind = t.proposer_id ? soci::i_ok : soci::i_null,
                  unit_ind = t.proposer_unit_id ? soci::i_ok : soci::i_null;
  lease.session() << "INSERT INTO topics (community_id, title, body, source, appeal_id, "
                     "proposer_id, proposer_unit_id, status, cosign_threshold, cosign_count, "
                     "created_at, updated_at) VALUES (:cm, :ti, :b, :s, :a, :p, :u, :st, :th, "
                     ":cc, :at, :up) RETURNING id",
      soci::use(community), soci::use(t.title), soci::use(t.body), soci::use(t.source),
      soci::use(appeal, appeal_ind), soci::use(proposer, proposer_ind), soci::use(unit, unit_ind),
      soci::use(t.status), soci::use(threshold), soci::use(count), soci::use(at), soci::use(at),
      soci::into(id);
  t.id = id;
  t.updated_at = t.created_at;
  return id;
}

std::optional<Topic> find_topic(db::Lease& lease, std::int64_t id) {
  return one_topic(lease, "WHERE t.id = :a", std::to_string(id));
}

std::optional<Topic> find_topic_for_update(db::Lease& lease, std::int64_t id) {
  if (lease.engine() == db::Engine::sqlite) return find_topic(lease, id);
  return one_topic(lease, "WHERE t.id = :a FOR UPDATE OF t", std::to_string(id));
}

std::optional<Topic> topic_of_appeal(db::Lease& lease, std::int64_t appeal_id) {
  return one_topic(lease, "WHERE t.appeal_id = :a", std::to_string(appeal_id));
}

void set_topic_status(db::Lease& lease, std::int64_t id, const std::string& status,
                      std::int64_t now) {
  long long key = id, at = now;
  lease.session() << "UPDATE topics SET status = :s, updated_at = :at WHERE id = :id",
      soci::use(status), soci::use(at), soci::use(key);
}

std::vector<Topic> topics(db::Lease& lease, const TopicFilter& f, int limit, int offset) {
  std::string where = "WHERE 1 = 1";
  std::vector<std::pair<std::string, std::string>> args;
  if (f.community_id) {
    where += " AND t.community_id = :c";
    args.emplace_back("c", std::to_string(f.community_id));
  }
  if (!f.status.empty()) {
    where += " AND t.status = :s";
    args.emplace_back("s", f.status);
  }
  if (!f.source.empty()) {
    where += " AND t.source = :o";
    args.emplace_back("o", f.source);
  }
  where += " ORDER BY t.updated_at DESC, t.id DESC LIMIT " + std::to_string(limit) + " OFFSET " +
           std::to_string(offset);
  return query_topics(lease, where, args);
}

bool add_cosignature(db::Lease& lease, std::int64_t topic_id, std::int64_t household_id,
                     std::int64_t account_id, std::int64_t now) {
  long long topic = topic_id, household = household_id, account = account_id, at = now;
  // One signature per household, even from two members signing at the same moment.
  soci::statement st =
      (lease.session().prepare << "INSERT INTO topic_cosignatures (topic_id, household_id, "
                                  "account_id, signed_at) VALUES (:t, :h, :a, :at) ON CONFLICT "
                                  "(topic_id, household_id) DO NOTHING",
       soci::use(topic), soci::use(household), soci::use(account), soci::use(at));
  st.execute(true);
  if (st.get_affected_rows() == 0) return false;
  lease.session() << "UPDATE topics SET cosign_count = cosign_count + 1, updated_at = :at WHERE "
                     "id = :t",
      soci::use(at), soci::use(topic);
  return true;
}

bool household_signed(db::Lease& lease, std::int64_t topic_id, std::int64_t household_id) {
  long long topic = topic_id, household = household_id, n = 0;
  lease.session() << "SELECT COUNT(*) FROM topic_cosignatures WHERE topic_id = :t AND "
                     "household_id = :h",
      soci::use(topic), soci::use(household), soci::into(n);
  return n > 0;
}

std::vector<Representative> representatives(db::Lease& lease, std::int64_t community_id) {
  std::vector<Representative> out;
  Representative r;
  long long community = community_id, id = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT resident_id, group_name FROM group_representatives "
                                  "WHERE community_id = :c ORDER BY group_name, resident_id",
       soci::use(community), soci::into(id), soci::into(r.group_name));
  st.execute();
  while (st.fetch()) {
    r.resident_id = id;
    out.push_back(r);
  }
  // Names through the org module, which owns the residents.
  for (auto& rep : out)
    if (auto resident = org::find_resident(lease, rep.resident_id)) rep.name = resident->name;
  return out;
}

bool add_representative(db::Lease& lease, std::int64_t community_id, std::int64_t resident_id,
                        const std::string& group_name) {
  long long community = community_id, resident = resident_id;
  soci::statement st =
      (lease.session().prepare << "INSERT INTO group_representatives (community_id, resident_id, "
                                  "group_name) VALUES (:c, :r, :g) ON CONFLICT (community_id, "
                                  "resident_id) DO NOTHING",
       soci::use(community), soci::use(resident), soci::use(group_name));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool remove_representative(db::Lease& lease, std::int64_t community_id, std::int64_t resident_id) {
  long long community = community_id, resident = resident_id;
  soci::statement st = (lease.session().prepare << "DELETE FROM group_representatives WHERE "
                                                   "community_id = :c AND resident_id = :r",
                        soci::use(community), soci::use(resident));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void lock_community(db::Lease& lease, std::int64_t community_id) {
  if (lease.engine() == db::Engine::sqlite) return;
  long long community = community_id, id = 0;
  lease.session() << "SELECT id FROM org_units WHERE id = :c FOR UPDATE", soci::use(community),
      soci::into(id);
}

void add_topic_event(db::Lease& lease, const TopicEvent& e) {
  long long topic = e.topic_id, at = e.at, actor = e.actor_id;
  lease.session() << "INSERT INTO topic_events (topic_id, at, actor_id, kind, detail) VALUES "
                     "(:t, :at, :a, :k, :d)",
      soci::use(topic), soci::use(at), soci::use(actor), soci::use(e.kind), soci::use(e.detail);
}

std::vector<TopicEvent> topic_events(db::Lease& lease, std::int64_t topic_id) {
  std::vector<TopicEvent> out;
  TopicEvent e;
  long long id = 0, topic = topic_id, at = 0, actor = 0;
  soci::statement st =
      (lease.session().prepare << "SELECT e.id, e.at, e.actor_id, e.kind, e.detail, "
                                  "COALESCE(a.display_name, '') FROM topic_events e LEFT JOIN "
                                  "accounts a ON a.id = e.actor_id WHERE e.topic_id = :t ORDER "
                                  "BY e.id",
       soci::use(topic), soci::into(id), soci::into(at), soci::into(actor), soci::into(e.kind),
       soci::into(e.detail), soci::into(e.actor_name));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.topic_id = topic_id;
    e.at = at;
    e.actor_id = actor;
    out.push_back(e);
  }
  return out;
}
}  // namespace silian::deliberation
