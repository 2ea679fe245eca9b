#pragma once
// Where topics (议题) come from, one matter at a time (一事一议一决): an appeal that is the
// community's own matter, a residents' proposal once enough households co-sign it, or
// the council or the street. Each function checks who may do it, validates, writes, logs
// and notifies inside the caller's transaction; on refusal it changes nothing.
#include <cstdint>
#include <string>

#include "silian/modules/deliberation/storage/deliberation_store.hpp"
#include "silian/platform/auth/principal.hpp"

namespace silian::deliberation {
struct Result {
  std::int64_t topic_id = 0;
  int status = 200;   // HTTP status of a refusal: 404, 409 or 422
  std::string error;  // i18n key; empty on success
  bool ok() const { return error.empty(); }
};

inline constexpr std::size_t k_title_max = 120;  // characters
inline constexpr std::size_t k_body_max = 4000;  // characters

// A verified resident proposes a topic for their own community; their household is the
// first co-signer. It is accepted at once if that already meets the council's threshold.
Result propose(db::Lease& lease, const auth::Principal& who, const std::string& title,
               const std::string& body, std::int64_t now);
// Another household of the community co-signs a proposal still collecting signatures.
Result cosign(db::Lease& lease, const auth::Principal& who, std::int64_t topic_id,
              std::int64_t now);
// Community staff or council members take an appeal that is the community's own matter
// to the council. An appeal becomes at most one topic.
Result from_appeal(db::Lease& lease, const auth::Principal& who, std::int64_t appeal_id,
                   const std::string& title, std::int64_t now);
// The council (its members, the community's director) or the street puts a topic forward.
Result from_council(db::Lease& lease, const auth::Principal& who, std::int64_t community_id,
                    const std::string& title, const std::string& body, std::int64_t now);

// Whether co-signing households reach the fifth of the community's households at which
// the law obliges a residents' meeting (Urban Residents' Committee Organization Law).
bool obliges_residents_meeting(std::int64_t cosigning_households, std::int64_t households);

// Who may put topics forward or manage the council of the community at `community_path`.
bool may_raise_for(const auth::Principal& who, const std::string& community_path);
bool may_manage_councils(const auth::Principal& who, const std::string& community_path);
}  // namespace silian::deliberation
