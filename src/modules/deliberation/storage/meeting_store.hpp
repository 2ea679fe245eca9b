#pragma once
// Meetings storage: meetings with their agenda, invitations of officials and units with
// replies, attendance, and the moderated comment threads of topics.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::deliberation {
// kind: "council" (议事会议), "residents" (居民会议), "owners" (业主大会).
// status: "draft" (agenda open), "noticed" (notice published, agenda frozen), "cancelled".
struct Meeting {
  std::int64_t id = 0, community_id = 0;
  std::string community_name, community_path;
  std::string title, kind, place, online_url, status, minutes;
  std::int64_t starts_at = 0, ends_at = 0, noticed_at = 0, minutes_at = 0;
  std::int64_t created_by = 0, created_at = 0, updated_at = 0;
};
std::int64_t insert_meeting(db::Lease& lease, Meeting& m);
std::optional<Meeting> find_meeting(db::Lease& lease, std::int64_t id);
std::optional<Meeting> find_meeting_for_update(db::Lease& lease, std::int64_t id);
// Meetings starting in [from, until), soonest first; community 0 for all.
std::vector<Meeting> meetings_between(db::Lease& lease, std::int64_t community_id,
                                      std::int64_t from, std::int64_t until, int limit);
void mark_noticed(db::Lease& lease, std::int64_t id, std::int64_t now);
void save_minutes(db::Lease& lease, std::int64_t id, const std::string& minutes, std::int64_t now);

struct AgendaItem {
  std::int64_t topic_id = 0, position = 0;
  std::string title, status;
};
std::vector<AgendaItem> agenda(db::Lease& lease, std::int64_t meeting_id);
// False when the topic is already on the agenda.
bool add_agenda_item(db::Lease& lease, std::int64_t meeting_id, std::int64_t topic_id);
// Whether the topic was on the agenda of a meeting whose notice was published.
bool on_noticed_agenda(db::Lease& lease, std::int64_t meeting_id, std::int64_t topic_id);

struct Invitation {
  std::int64_t id = 0, meeting_id = 0, account_id = 0, unit_id = 0;
  std::string invitee_name;  // the account's display name or the unit's name
  std::string unit_path;     // the unit's path (empty for a person)
  std::string note, reply, reply_note;
  std::int64_t replied_by = 0, replied_at = 0;
  bool attended = false;
};
std::int64_t insert_invitation(db::Lease& lease, const Invitation& i, std::int64_t now);
std::vector<Invitation> invitations_of(db::Lease& lease, std::int64_t meeting_id);
std::optional<Invitation> find_invitation(db::Lease& lease, std::int64_t id);
void reply_invitation(db::Lease& lease, std::int64_t id, const std::string& reply,
                      const std::string& note, std::int64_t by, std::int64_t now);
void set_attended(db::Lease& lease, std::int64_t id, bool attended);

struct Attendee {
  std::int64_t id = 0;
  std::string name, capacity, mode;  // capacity: member, invitee, resident; mode: in_person, online
};
void add_attendee(db::Lease& lease, std::int64_t meeting_id, const Attendee& a, std::int64_t by,
                  std::int64_t now);
std::vector<Attendee> attendees(db::Lease& lease, std::int64_t meeting_id);

struct Comment {
  std::int64_t id = 0, topic_id = 0, account_id = 0, at = 0;
  std::string author, body, hidden_reason;
  bool hidden = false;
  std::string author_kind = "resident";  // "staff" comments are named in public
};
std::int64_t insert_comment(db::Lease& lease, const Comment& c);
std::vector<Comment> comments_of(db::Lease& lease, std::int64_t topic_id);
std::optional<Comment> find_comment(db::Lease& lease, std::int64_t id);
void hide_comment(db::Lease& lease, std::int64_t id, std::int64_t by, const std::string& reason);
}  // namespace silian::deliberation
