#pragma once
// The audit trail: every state change appends an entry, in the same transaction as the
// change, chained to the previous entry by a BLAKE2b hash. Altering or removing a row
// directly in the database breaks the chain, and verify() names the first broken link.
#include <cstdint>
#include <optional>
#include <string>

#include "silian/platform/db/database.hpp"

namespace silian::audit {
struct Event {
  std::int64_t actor_id = 0;  // 0 = the system (CLI, jobs)
  std::string action;         // e.g. "org.unit.create"
  std::string entity;         // e.g. "org_unit"
  std::string entity_id;
  std::string detail;  // short, human-readable; never a secret
};

// Must be called inside the caller's db::Transaction.
void append(db::Lease& lease, const Event& event, std::int64_t at);

struct VerifyReport {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> broken_seq;  // first entry whose link is broken
  std::string reason;
};
VerifyReport verify(db::Lease& lease);

std::string entry_hash(const std::string& prev_hash, std::int64_t seq, std::int64_t at,
                       const Event& event);
}  // namespace silian::audit
