#pragma once
// Meetings: convening with an agenda of topics, the notice that freezes the agenda at
// least the council's notice period before the start (nothing may be voted that was not
// in the notice), invitations (邀约) of officials and units and their replies,
// attendance, minutes (纪要), and moderated comments on topics. Each function checks who
// may act, validates, writes, logs and notifies inside the caller's transaction; on
// refusal it changes nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "silian/modules/deliberation/service/topics.hpp"
#include "silian/modules/deliberation/storage/meeting_store.hpp"

namespace silian::deliberation {
struct MeetingDraft {
  std::int64_t community_id = 0;
  std::string title, kind, place, online_url;
  std::int64_t starts_at = 0, ends_at = 0;
  std::vector<std::int64_t> topic_ids;
};
// Result::topic_id carries the meeting's id.
Result convene(db::Lease& lease, const auth::Principal& who, const MeetingDraft& d,
               std::int64_t now);
Result add_to_agenda(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                     std::int64_t topic_id, std::int64_t now);
Result publish_notice(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                      std::int64_t now);
// Invites an account (by username) or a unit (by code); exactly one of them.
Result invite(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
              const std::string& username, const std::string& unit_code, const std::string& note,
              std::int64_t now);
// The invited person, or staff of the invited unit, accepts or declines (with a reason).
Result reply(db::Lease& lease, const auth::Principal& who, std::int64_t invitation_id,
             const std::string& answer, const std::string& note, std::int64_t now);
struct AttendanceEntry {
  std::string name, capacity, mode;
};
Result record_attendance(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                         const std::vector<AttendanceEntry>& entries,
                         const std::vector<std::int64_t>& attended_invitations, std::int64_t now);
Result record_minutes(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                      const std::string& minutes, std::int64_t now);
Result comment(db::Lease& lease, const auth::Principal& who, std::int64_t topic_id,
               const std::string& body, std::int64_t now);
Result hide(db::Lease& lease, const auth::Principal& who, std::int64_t comment_id,
            const std::string& reason, std::int64_t now);

bool may_convene(const auth::Principal& who, const std::string& community_path);
bool may_moderate(const auth::Principal& who, const std::string& community_path);
// Whether this user answers for the invitation (the person, or staff of the unit).
bool answers_for(db::Lease& lease, const auth::Principal& who, const Invitation& i);
// Whether this user is the person (account) or one of the unit's staff (unit_accounts).
bool acts_for(db::Lease& lease, const auth::Principal& who, std::int64_t account_id,
              std::int64_t unit_id);
// The staff accounts of a unit (the roles that sit at a unit of its kind).
std::vector<std::int64_t> unit_accounts(db::Lease& lease, std::int64_t unit_id);

// "2026-12-05T19:30" (an HTML datetime-local value, Beijing time) -> Unix seconds.
std::optional<std::int64_t> parse_local_datetime(const std::string& text);
std::string format_local_datetime(std::int64_t at);  // the reverse, for form values

inline constexpr std::size_t k_minutes_max = 20000;  // characters
inline constexpr std::size_t k_comment_max = 2000;   // characters
}  // namespace silian::deliberation
