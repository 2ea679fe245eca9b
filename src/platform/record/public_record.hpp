#pragma once
// The public record (公开记录): settled facts a module publishes — a decision, a tally, a
// supervisory sign-off — in a hash chain anyone can verify. Each entry's hash is
//   BLAKE2b-256( L(prev_hash) L(seq) L(at) L(kind) L(ref) L(title) L(body) )
// where L(x) is x's length in bytes, a colon, and x (seq and at in decimal), in
// lower-case hex, with prev_hash "" for the first entry. Every field is public, so a copy
// of the record (GET /record.json) is enough to recompute the chain.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::record {
struct Entry {
  std::int64_t seq = 0, at = 0;
  std::string kind;   // e.g. "deliberation.decision"
  std::string ref;    // what it is about, e.g. "topic:12"
  std::string title;  // a one-line summary
  std::string body;   // the published text
  std::string prev_hash, hash;
};

// Appends inside the caller's transaction; returns the new entry's seq.
std::int64_t publish(db::Lease& lease, const std::string& kind, const std::string& ref,
                     const std::string& title, const std::string& body, std::int64_t at);
std::string entry_hash(const Entry& e);
// Newest first.
std::vector<Entry> entries(db::Lease& lease, int limit, int offset);
std::vector<Entry> entries_about(db::Lease& lease, const std::string& ref);
std::vector<Entry> all_entries(db::Lease& lease);  // oldest first, for export

struct Verification {
  bool ok = true;
  std::int64_t entries = 0;
  std::string head_hash;
  std::optional<std::int64_t> broken_seq;
  std::string reason;
};
// Must not be called inside a transaction: it reads in a snapshot of its own.
Verification verify(db::Lease& lease);
}  // namespace silian::record
