#pragma once
// The appeal's closed loop as operations: each one checks the step is allowed, writes
// the new state, the timeline event, the KPI rollups, the audit entry, notifications
// and deadline jobs, inside the caller's lease (one transaction per operation). The web
// pages, Open311 and the benchmark generator all go through here.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/auth/principal.hpp"

namespace silian {
struct Platform;
}

namespace silian::appeals {
inline constexpr const char* k_deadline_job = "appeals.deadline";

struct Intake {
  std::int64_t category_id = 0;
  std::string description;
  std::int64_t community_id = 0;
  std::int64_t grid_id = 0;
  std::string address;
  std::optional<double> lat, lng;
  std::int64_t resident_id = 0;
  std::string contact_name, contact_phone;
  bool anonymous = false;
  std::string channel;  // web | qr | phone | walk_in | door_visit | open311
  std::int64_t entered_by = 0, api_key_id = 0;
};

// A refusal is a catalogue key; nothing was written.
using Outcome = std::variant<Appeal, std::string>;

// Everything a new appeal needs read and checked before the write transaction starts,
// so that the database's write lock is held only for the writes themselves.
struct IntakePlan {
  Appeal appeal;  // routed and sealed; no id, number or times yet
  std::string lead_name;
  std::int64_t response_hours = 24, resolve_days = 5;
  WorkCalendar calendar;
  std::vector<std::int64_t> recipients;  // staff told of the new appeal
  std::string notice_key;
  std::int64_t actor = 0;
};
// Validates and routes an intake by its category's list item; a refusal is a key.
std::variant<IntakePlan, std::string> plan_intake(Platform& p, db::Lease& lease, const Intake& in);
// Writes a planned appeal: call inside the write transaction.
Appeal store_intake(db::Lease& lease, IntakePlan& plan, std::int64_t now);
// Both steps at once (demo data, tests).
Outcome submit(Platform& p, db::Lease& lease, const Intake& in, std::int64_t now);

struct Actor {
  std::int64_t account_id = 0;  // 0 = the system
  std::int64_t unit_id = 0;     // the unit acting
};

std::optional<std::string> dispatch(db::Lease& lease, Appeal& a, const Actor& who,
                                    std::int64_t lead, const std::vector<std::int64_t>& assisting,
                                    std::int64_t now);
std::optional<std::string> give_back(db::Lease& lease, Appeal& a, const Actor& who,
                                     const std::string& reason, std::int64_t now);
std::optional<std::string> respond(db::Lease& lease, Appeal& a, const Actor& who,
                                   const std::string& note, std::int64_t now);
std::optional<std::string> add_note(db::Lease& lease, Appeal& a, const Actor& who,
                                    const std::string& body, std::int64_t upload_id,
                                    std::int64_t now);
std::optional<std::string> reply(db::Lease& lease, Appeal& a, const Actor& who,
                                 const std::string& text, std::int64_t upload_id, std::int64_t now);
std::optional<std::string> extend(db::Lease& lease, Appeal& a, const Actor& who,
                                  std::int64_t extra_days, const std::string& reason,
                                  std::int64_t now);
// The resident's rating (by_staff = false) or a return visit recorded by staff.
std::optional<std::string> rate(db::Lease& lease, Appeal& a, const Actor& who,
                                const std::string& rating, bool resolved,
                                const std::string& comment, bool by_staff, std::int64_t now);
std::optional<std::string> review(db::Lease& lease, Appeal& a, const Actor& who,
                                  const std::string& conclusion, std::int64_t now);
// Groups `member` under `primary`: handled once, counted as many.
std::optional<std::string> group(db::Lease& lease, Appeal& primary, Appeal& member,
                                 const Actor& who, std::int64_t now);

// The escalation job: payload "appeal_id:response|resolve".
void run_deadline_job(db::Lease& lease, const std::string& payload, std::int64_t now);

// The accounts that staff `unit_id` (community workers of a community, officers of a
// department or street, administrators of the district).
std::vector<std::int64_t> unit_staff(db::Lease& lease, std::int64_t unit_id);
}  // namespace silian::appeals
