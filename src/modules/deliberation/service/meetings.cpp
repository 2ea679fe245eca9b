#include "silian/modules/deliberation/service/meetings.hpp"

#include <algorithm>
#include <ctime>

#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/deliberation/service/common.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/auth/roles.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
namespace {
using detail::blank;
using detail::characters;
using detail::refuse;

const std::vector<std::string> k_kinds = {"council", "residents", "owners"};
const std::vector<std::string> k_capacities = {"member", "invitee", "resident"};
const std::vector<std::string> k_modes = {"in_person", "online"};
// Units that can be invited: departments, the street, units in the jurisdiction.
const std::vector<std::string> k_invitable_kinds = {
    "department", "street", "unit", "property_company", "owners_committee", "social_organization"};
constexpr std::int64_t k_longest_meeting = 12 * 3600;

bool one_of(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

void log(db::Lease& lease, const auth::Principal& who, const std::string& action,
         const std::string& entity, std::int64_t id, const std::string& detail, std::int64_t now) {
  audit::append(lease, {who.account_id, action, entity, std::to_string(id), detail}, now);
}

std::string meeting_link(std::int64_t id) { return "/deliberation/meetings/" + std::to_string(id); }

// Everyone who answers for an invitation hears of it.
std::vector<std::int64_t> recipients(db::Lease& lease, const Invitation& i) {
  if (i.account_id) return {i.account_id};
  return unit_accounts(lease, i.unit_id);
}

// The meeting as its convener may change it: found, theirs, not cancelled.
std::optional<Meeting> editable(db::Lease& lease, const auth::Principal& who, std::int64_t id,
                                Result& refusal) {
  auto m = find_meeting_for_update(lease, id);
  if (!m || !may_convene(who, m->community_path)) {
    refusal = refuse(404, "error_not_found");
    return std::nullopt;
  }
  if (m->status == "cancelled") {
    refusal = refuse(409, "error_meeting_cancelled");
    return std::nullopt;
  }
  return m;
}

bool valid_https(const std::string& url) {
  return url.starts_with("https://") && url.size() > 8 && url.size() <= 500 &&
         url.find_first_of(" \t\r\n\"'<>") == std::string::npos;
}
}  // namespace

bool may_convene(const auth::Principal& who, const std::string& community_path) {
  return who.covers(community_path, {"community_director", "council_member"});
}

bool may_moderate(const auth::Principal& who, const std::string& community_path) {
  return who.covers(community_path, {"community_worker", "community_director", "council_member"});
}

bool answers_for(db::Lease& lease, const auth::Principal& who, const Invitation& i) {
  return acts_for(lease, who, i.account_id, i.unit_id);
}

bool acts_for(db::Lease& lease, const auth::Principal& who, std::int64_t account_id,
              std::int64_t unit_id) {
  if (account_id) return who.account_id == account_id;
  // The unit's staff, as unit_accounts counts them (no volunteers, no residents).
  auto staff = unit_accounts(lease, unit_id);
  return std::find(staff.begin(), staff.end(), who.account_id) != staff.end();
}

std::vector<std::int64_t> unit_accounts(db::Lease& lease, std::int64_t unit_id) {
  auto unit = org::find_unit(lease, unit_id);
  if (!unit) return {};
  std::vector<std::int64_t> out;
  // The staff roles that sit at a unit of this kind (units named here are leaves or
  // streets, whose subtrees hold no such roles lower down).
  for (auto role : auth::k_roles) {
    std::string name(role);
    if (name == "resident" || name == "volunteer" || !auth::role_fits_unit(name, unit->kind))
      continue;
    for (auto a : auth::accounts_with_role_in(lease, name, unit->path))
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

std::optional<std::int64_t> parse_local_datetime(const std::string& text) {
  // YYYY-MM-DDTHH:MM
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto date = text.substr(0, 10);
  if (!valid_date(date)) return std::nullopt;
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!digit(11) || !digit(12) || !digit(14) || !digit(15)) return std::nullopt;
  int hour = (text[11] - '0') * 10 + (text[12] - '0');
  int minute = (text[14] - '0') * 10 + (text[15] - '0');
  if (hour > 23 || minute > 59) return std::nullopt;
  return appeals::local_midnight(date) + hour * 3600 + minute * 60;
}

std::string format_local_datetime(std::int64_t at) {
  auto minutes = format_local_minutes(at);  // "YYYY-MM-DD HH:MM"
  if (minutes.size() == 16) minutes[10] = 'T';
  return minutes;
}

Result convene(db::Lease& lease, const auth::Principal& who, const MeetingDraft& d,
               std::int64_t now) {
  auto community = org::find_unit(lease, d.community_id);
  if (!community || community->kind != "community" || !may_convene(who, community->path))
    return refuse(404, "error_not_found");
  if (!search::valid_utf8(d.title) || !search::valid_utf8(d.place) || blank(d.title) ||
      characters(d.title) > k_title_max || characters(d.place) > 200)
    return refuse(422, "error_meeting_title");
  if (!one_of(k_kinds, d.kind)) return refuse(422, "error_meeting_kind");
  if (d.starts_at <= now || d.ends_at <= d.starts_at || d.ends_at - d.starts_at > k_longest_meeting)
    return refuse(422, "error_meeting_time");
  if (blank(d.place) && d.online_url.empty()) return refuse(422, "error_meeting_place");
  if (!d.online_url.empty() && !valid_https(d.online_url))
    return refuse(422, "error_meeting_online_url");
  std::vector<Topic> topics;
  for (auto id : d.topic_ids) {
    auto t = find_topic(lease, id);
    if (!t || t->community_id != d.community_id || t->status != "accepted")
      return refuse(422, "error_meeting_topic");
    topics.push_back(*t);
  }
  Meeting m;
  m.community_id = d.community_id;
  m.title = d.title;
  m.kind = d.kind;
  m.place = d.place;
  m.online_url = d.online_url;
  m.starts_at = d.starts_at;
  m.ends_at = d.ends_at;
  m.status = "draft";
  m.created_by = who.account_id;
  m.created_at = now;
  insert_meeting(lease, m);
  for (const auto& t : topics) add_agenda_item(lease, m.id, t.id);
  log(lease, who, "deliberation.meeting.convene", "meeting", m.id, "kind=" + m.kind, now);
  return {m.id, 200, ""};
}

Result add_to_agenda(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                     std::int64_t topic_id, std::int64_t now) {
  Result refusal;
  auto m = editable(lease, who, meeting_id, refusal);
  if (!m) return refusal;
  // The notice fixes the agenda: what was not in it cannot be decided at this meeting.
  if (m->status != "draft") return refuse(409, "error_meeting_agenda_frozen");
  auto t = find_topic(lease, topic_id);
  if (!t || t->community_id != m->community_id || t->status != "accepted")
    return refuse(422, "error_meeting_topic");
  if (!add_agenda_item(lease, m->id, t->id)) return refuse(409, "error_meeting_topic_listed");
  log(lease, who, "deliberation.meeting.agenda", "meeting", m->id, "topic=" + std::to_string(t->id),
      now);
  return {m->id, 200, ""};
}

Result publish_notice(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                      std::int64_t now) {
  Result refusal;
  auto m = editable(lease, who, meeting_id, refusal);
  if (!m) return refusal;
  if (m->status != "draft") return refuse(409, "error_meeting_noticed");
  auto items = agenda(lease, m->id);
  if (items.empty()) return refuse(409, "error_meeting_empty_agenda");
  auto council = council_of(lease, m->community_id, "consultation");
  std::int64_t days = council ? council->notice_days : 3;
  if (m->starts_at - now < days * 86400) return refuse(409, "error_meeting_notice_period");
  // Locked: a topic cannot go on two meetings' noticed agendas at once.
  for (const auto& i : items) {
    auto t = find_topic_for_update(lease, i.topic_id);
    if (!t || t->status != "accepted") return refuse(409, "error_meeting_topic");
  }
  mark_noticed(lease, m->id, now);
  for (const auto& i : items) {
    set_topic_status(lease, i.topic_id, "scheduled", now);
    add_topic_event(lease, {0, i.topic_id, now, who.account_id, "scheduled", m->title, ""});
  }
  // The council's members and everyone invited so far hear of the notice.
  std::vector<std::int64_t> told;
  auto tell = [&](std::int64_t account) {
    if (!account || std::find(told.begin(), told.end(), account) != told.end()) return;
    told.push_back(account);
    notify::send(lease, account, "notify_meeting_noticed",
                 {{"title", m->title}, {"at", format_local_minutes(m->starts_at)}},
                 meeting_link(m->id), now);
  };
  if (council)
    for (const auto& member : members_of(lease, council->id)) tell(member.account_id);
  for (const auto& inv : invitations_of(lease, m->id))
    for (auto account : recipients(lease, inv)) tell(account);
  log(lease, who, "deliberation.meeting.notice", "meeting", m->id,
      "items=" + std::to_string(items.size()), now);
  return {m->id, 200, ""};
}

Result invite(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
              const std::string& username, const std::string& unit_code, const std::string& note,
              std::int64_t now) {
  Result refusal;
  auto m = editable(lease, who, meeting_id, refusal);
  if (!m) return refusal;
  if (m->starts_at <= now) return refuse(409, "error_meeting_started");
  if (username.empty() == unit_code.empty()) return refuse(422, "error_invitation_whom");
  if (!search::valid_utf8(note) || characters(note) > 500)
    return refuse(422, "error_invitation_note");
  Invitation i;
  i.meeting_id = m->id;
  i.note = note;
  if (!username.empty()) {
    auto account = auth::find_account_by_username(lease, username);
    if (!account) return refuse(422, "error_invitation_whom");
    i.account_id = account->id;
  } else {
    auto unit = org::find_unit_by_code(lease, unit_code);
    if (!unit || !unit->active || !one_of(k_invitable_kinds, unit->kind))
      return refuse(422, "error_invitation_whom");
    i.unit_id = unit->id;
  }
  for (const auto& existing : invitations_of(lease, m->id))
    if ((i.account_id && existing.account_id == i.account_id) ||
        (i.unit_id && existing.unit_id == i.unit_id))
      return refuse(409, "error_invitation_duplicate");
  i.id = insert_invitation(lease, i, now);
  for (auto account : recipients(lease, i))
    notify::send(lease, account, "notify_meeting_invitation",
                 {{"title", m->title}, {"at", format_local_minutes(m->starts_at)}},
                 meeting_link(m->id), now);
  log(lease, who, "deliberation.meeting.invite", "meeting", m->id,
      i.account_id ? "account=" + std::to_string(i.account_id)
                   : "unit=" + std::to_string(i.unit_id),
      now);
  return {m->id, 200, ""};
}

Result reply(db::Lease& lease, const auth::Principal& who, std::int64_t invitation_id,
             const std::string& answer, const std::string& note, std::int64_t now) {
  auto i = find_invitation(lease, invitation_id);
  if (!i || !answers_for(lease, who, *i)) return refuse(404, "error_not_found");
  auto m = find_meeting(lease, i->meeting_id);
  if (!m) return refuse(404, "error_not_found");
  if (m->status == "cancelled") return refuse(409, "error_meeting_cancelled");
  if (m->starts_at <= now) return refuse(409, "error_meeting_started");
  if (answer != "accepted" && answer != "declined") return refuse(422, "error_invitation_answer");
  if (!search::valid_utf8(note) || characters(note) > 500)
    return refuse(422, "error_invitation_note");
  // Declining takes a reason, which the residents see.
  if (answer == "declined" && blank(note)) return refuse(422, "error_invitation_reason");
  reply_invitation(lease, i->id, answer, note, who.account_id, now);
  log(lease, who, "deliberation.invitation.reply", "meeting", m->id, "answer=" + answer, now);
  if (m->created_by)
    notify::send(lease, m->created_by, "notify_invitation_" + answer,
                 {{"title", m->title}, {"who", i->invitee_name}}, meeting_link(m->id), now);
  return {m->id, 200, ""};
}

Result record_attendance(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                         const std::vector<AttendanceEntry>& entries,
                         const std::vector<std::int64_t>& attended_invitations, std::int64_t now) {
  Result refusal;
  auto m = editable(lease, who, meeting_id, refusal);
  if (!m) return refusal;
  if (m->status != "noticed") return refuse(409, "error_meeting_not_noticed");
  if (m->starts_at > now) return refuse(409, "error_meeting_not_started");
  if (entries.empty() && attended_invitations.empty()) return refuse(422, "error_attendance_empty");
  for (const auto& e : entries)
    if (blank(e.name) || !search::valid_utf8(e.name) || characters(e.name) > 100 ||
        !one_of(k_capacities, e.capacity) || !one_of(k_modes, e.mode))
      return refuse(422, "error_attendance_entry");
  auto invitations = invitations_of(lease, m->id);
  for (auto id : attended_invitations)
    if (std::none_of(invitations.begin(), invitations.end(),
                     [id](const Invitation& i) { return i.id == id; }))
      return refuse(422, "error_attendance_entry");
  for (const auto& e : entries)
    add_attendee(lease, m->id, {0, e.name, e.capacity, e.mode}, who.account_id, now);
  for (auto id : attended_invitations) set_attended(lease, id, true);
  log(lease, who, "deliberation.meeting.attendance", "meeting", m->id,
      "entries=" + std::to_string(entries.size()), now);
  return {m->id, 200, ""};
}

Result record_minutes(db::Lease& lease, const auth::Principal& who, std::int64_t meeting_id,
                      const std::string& minutes, std::int64_t now) {
  Result refusal;
  auto m = editable(lease, who, meeting_id, refusal);
  if (!m) return refusal;
  if (m->status != "noticed") return refuse(409, "error_meeting_not_noticed");
  if (m->starts_at > now) return refuse(409, "error_meeting_not_started");
  if (blank(minutes) || !search::valid_utf8(minutes) || characters(minutes) > k_minutes_max)
    return refuse(422, "error_meeting_minutes");
  save_minutes(lease, m->id, minutes, now);
  log(lease, who, "deliberation.meeting.minutes", "meeting", m->id, "", now);
  return {m->id, 200, ""};
}

Result comment(db::Lease& lease, const auth::Principal& who, std::int64_t topic_id,
               const std::string& body, std::int64_t now) {
  auto t = find_topic(lease, topic_id);
  if (!t) return refuse(404, "error_not_found");
  // The community's verified residents and the staff who serve it take part.
  bool staff = who.covers(t->community_path,
                          {"community_worker", "community_director", "council_member", "supervisor",
                           "grid_worker", "street_officer", "department_officer", "leader"});
  if (!staff) {
    auto r = org::resident_of_account(lease, who.account_id);
    if (!r || r->status != "verified" || r->community_id != t->community_id)
      return refuse(409, "error_comment_who");
  }
  if (blank(body) || !search::valid_utf8(body) || characters(body) > k_comment_max)
    return refuse(422, "error_comment_body");
  auto id = insert_comment(
      lease, {0, t->id, who.account_id, now, "", body, "", false, staff ? "staff" : "resident"});
  log(lease, who, "deliberation.comment.add", "topic_comment", id, "topic=" + std::to_string(t->id),
      now);
  return {t->id, 200, ""};
}

Result hide(db::Lease& lease, const auth::Principal& who, std::int64_t comment_id,
            const std::string& reason, std::int64_t now) {
  auto c = find_comment(lease, comment_id);
  auto t = c ? find_topic(lease, c->topic_id) : std::nullopt;
  if (!c || !t || !may_moderate(who, t->community_path)) return refuse(404, "error_not_found");
  if (c->hidden) return refuse(409, "error_comment_hidden");
  if (blank(reason) || !search::valid_utf8(reason) || characters(reason) > 200)
    return refuse(422, "error_comment_reason");
  hide_comment(lease, c->id, who.account_id, reason);
  // Moderation is on the record: who hid what, and why.
  log(lease, who, "deliberation.comment.hide", "topic_comment", c->id, reason, now);
  return {t->id, 200, ""};
}
}  // namespace silian::deliberation
