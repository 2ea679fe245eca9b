#include "silian/platform/audit/audit_log.hpp"

#include "silian/platform/crypto/crypto.hpp"

namespace silian::audit {
std::string entry_hash(const std::string& prev_hash, std::int64_t seq, std::int64_t at,
                       const Event& e) {
  std::string canonical = prev_hash + '\x1f' + std::to_string(seq) + '\x1f' + std::to_string(at) +
                          '\x1f' + std::to_string(e.actor_id) + '\x1f' + e.action + '\x1f' +
                          e.entity + '\x1f' + e.entity_id + '\x1f' + e.detail;
  return crypto::blake2b_hex(canonical);
}

void append(db::Lease& lease, const Event& event, std::int64_t at) {
  auto& s = lease.session();
  long long seq = 0;
  std::string prev;
  // The head row serialises appenders: on PostgreSQL the row lock, on SQLite the write
  // lock that BEGIN IMMEDIATE already holds.
  std::string lock = lease.engine() == db::Engine::postgresql ? " FOR UPDATE" : "";
  s << "SELECT seq, hash FROM audit_head WHERE id = 1" + lock, soci::into(seq), soci::into(prev);
  long long next = seq + 1;
  long long when = at;
  long long actor = event.actor_id;
  std::string hash = entry_hash(prev, next, at, event);
  s << "INSERT INTO audit_entries (seq, at, actor_id, action, entity, entity_id, detail, "
       "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, :eid, :detail, :prev, :hash)",
      soci::use(next), soci::use(when), soci::use(actor), soci::use(event.action),
      soci::use(event.entity), soci::use(event.entity_id), soci::use(event.detail), soci::use(prev),
      soci::use(hash);
  s << "UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1", soci::use(next),
      soci::use(hash);
}

VerifyReport verify(db::Lease& lease) {
  auto& s = lease.session();
  VerifyReport report;
  // The head first: entries appended while we read have a higher seq and are left out,
  // so a live system never looks tampered with.
  long long head_seq = 0;
  std::string head_hash;
  s << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(head_seq), soci::into(head_hash);
  long long seq = 0, at = 0, actor = 0;
  std::string action, entity, entity_id, detail, prev_hash, hash;
  soci::statement st =
      (s.prepare << "SELECT seq, at, actor_id, action, entity, entity_id, detail, prev_hash, hash "
                    "FROM audit_entries WHERE seq <= :head ORDER BY seq",
       soci::use(head_seq), soci::into(seq), soci::into(at), soci::into(actor), soci::into(action),
       soci::into(entity), soci::into(entity_id), soci::into(detail), soci::into(prev_hash),
       soci::into(hash));
  st.execute();
  std::string expected_prev;
  long long expected_seq = 1;
  auto fail = [&](long long at_seq, std::string reason) {
    report.ok = false;
    report.broken_seq = at_seq;
    report.reason = std::move(reason);
  };
  while (st.fetch()) {
    ++report.entries;
    if (seq != expected_seq) {
      fail(expected_seq, "entry " + std::to_string(expected_seq) + " is missing");
      return report;
    }
    if (prev_hash != expected_prev) {
      fail(seq, "entry " + std::to_string(seq) + " does not link to the entry before it");
      return report;
    }
    Event e{actor, action, entity, entity_id, detail};
    if (entry_hash(prev_hash, seq, at, e) != hash) {
      fail(seq, "entry " + std::to_string(seq) + " was altered after it was written");
      return report;
    }
    expected_prev = hash;
    ++expected_seq;
  }
  if (head_seq != expected_seq - 1 || head_hash != expected_prev) {
    fail(expected_seq, "the newest entries (from " + std::to_string(expected_seq) +
                           ") were removed: the chain head records entry " +
                           std::to_string(head_seq));
  }
  return report;
}
}  // namespace silian::audit
