#pragma once
// After the decision: execution (理事) — tasks with an owner and a due date, and the
// owners' progress reports; supervision (监事) — the supervisory committee objects or,
// once every task is done, signs off, which closes the matter and goes on the public
// record; then the community's households rate the outcome.
#include <cstdint>
#include <string>

#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/execution_store.hpp"
#include "silian/modules/deliberation/storage/vote_store.hpp"

namespace silian::deliberation {
// Result::topic_id carries the decision's id.
Result add_task(db::Lease& lease, const auth::Principal& who, std::int64_t decision_id,
                const std::string& title, const std::string& username, const std::string& unit_code,
                const std::string& due_date, std::int64_t now);
Result report_progress(db::Lease& lease, const auth::Principal& who, std::int64_t task_id,
                       const std::string& body, bool done, std::int64_t now);
// verdict: "objection" (a note is required) or "signed_off" (every task done).
Result review(db::Lease& lease, const auth::Principal& who, std::int64_t decision_id,
              const std::string& verdict, const std::string& note, std::int64_t now);
Result rate_outcome(db::Lease& lease, const auth::Principal& who, std::int64_t decision_id,
                    const std::string& rating, std::int64_t now);

bool supervises(db::Lease& lease, const auth::Principal& who, std::int64_t community_id,
                const std::string& community_path, std::int64_t now);
bool owns(db::Lease& lease, const auth::Principal& who, const Task& t);
}  // namespace silian::deliberation
