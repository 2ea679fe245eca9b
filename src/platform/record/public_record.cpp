#include "silian/platform/record/public_record.hpp"

#include "silian/platform/crypto/crypto.hpp"

namespace silian::record {
namespace {
constexpr const char* k_select =
    "SELECT seq, at, kind, ref, title, body, prev_hash, hash FROM public_record ";

std::vector<Entry> query(db::Lease& lease, const std::string& where, const std::string& arg) {
  std::vector<Entry> out;
  Entry e;
  long long seq = 0, at = 0;
  soci::statement st(lease.session());
  st.exchange(soci::into(seq));
  st.exchange(soci::into(at));
  for (auto* s : {&e.kind, &e.ref, &e.title, &e.body, &e.prev_hash, &e.hash})
    st.exchange(soci::into(*s));
  if (!arg.empty()) st.exchange(soci::use(arg, "a"));
  st.alloc();
  st.prepare(std::string(k_select) + where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    e.seq = seq;
    e.at = at;
    out.push_back(e);
  }
  return out;
}
}  // namespace

std::string entry_hash(const Entry& e) {
  // Each field as <byte length>:<bytes>, so no text can move a field boundary.
  std::string canonical;
  for (const std::string& field :
       {e.prev_hash, std::to_string(e.seq), std::to_string(e.at), e.kind, e.ref, e.title, e.body})
    canonical += std::to_string(field.size()) + ":" + field;
  return crypto::blake2b_hex(canonical);
}

std::int64_t publish(db::Lease& lease, const std::string& kind, const std::string& ref,
                     const std::string& title, const std::string& body, std::int64_t at) {
  auto& s = lease.session();
  long long seq = 0;
  Entry e{0, at, kind, ref, title, body, "", ""};
  // The head row serialises publishers, as the audit trail's does.
  std::string lock = lease.engine() == db::Engine::postgresql ? " FOR UPDATE" : "";
  s << "SELECT seq, hash FROM public_record_head WHERE id = 1" + lock, soci::into(seq),
      soci::into(e.prev_hash);
  e.seq = seq + 1;
  e.hash = entry_hash(e);
  long long next = e.seq, when = at;
  s << "INSERT INTO public_record (seq, at, kind, ref, title, body, prev_hash, hash) VALUES "
       "(:s, :at, :k, :r, :t, :b, :p, :h)",
      soci::use(next), soci::use(when), soci::use(e.kind), soci::use(e.ref), soci::use(e.title),
      soci::use(e.body), soci::use(e.prev_hash), soci::use(e.hash);
  s << "UPDATE public_record_head SET seq = :s, hash = :h WHERE id = 1", soci::use(next),
      soci::use(e.hash);
  return e.seq;
}

std::vector<Entry> entries(db::Lease& lease, int limit, int offset) {
  return query(
      lease,
      "ORDER BY seq DESC LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset), "");
}

std::vector<Entry> entries_about(db::Lease& lease, const std::string& ref) {
  return query(lease, "WHERE ref = :a ORDER BY seq", ref);
}

std::vector<Entry> all_entries(db::Lease& lease) { return query(lease, "ORDER BY seq", ""); }

namespace {
Verification check(db::Lease& lease) {
  Verification v;
  long long head = 0;
  lease.session() << "SELECT seq, hash FROM public_record_head WHERE id = 1", soci::into(head),
      soci::into(v.head_hash);
  std::string prev;
  std::int64_t expected = 1;
  for (const auto& e : all_entries(lease)) {
    std::string problem;
    if (e.seq > head)
      problem = "entry " + std::to_string(e.seq) + " is past the head (added outside the platform)";
    else if (e.seq != expected)
      problem = "entry " + std::to_string(expected) + " is missing";
    else if (e.prev_hash != prev)
      problem = "entry " + std::to_string(e.seq) + " does not follow the one before";
    else if (entry_hash(e) != e.hash)
      problem = "entry " + std::to_string(e.seq) + " was altered";
    if (!problem.empty()) {
      v.ok = false;
      v.broken_seq = std::min<std::int64_t>(expected, e.seq);
      v.reason = problem;
      return v;
    }
    ++v.entries;
    prev = e.hash;
    ++expected;
  }
  if (expected - 1 != head || prev != v.head_hash) {
    v.ok = false;
    v.broken_seq = expected;
    v.reason = "the record ends before its head (entries removed)";
  }
  return v;
}
}  // namespace

Verification verify(db::Lease& lease) {
  // The head and the entries from one snapshot: an entry published meanwhile is not
  // seen, so any row past the head was put there some other way.
  lease.session() << (lease.engine() == db::Engine::postgresql
                          ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                          : "BEGIN");
  try {
    auto v = check(lease);
    lease.session() << "COMMIT";
    return v;
  } catch (...) {
    lease.session() << "ROLLBACK";
    throw;
  }
}
}  // namespace silian::record
