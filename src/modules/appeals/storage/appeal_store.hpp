#pragma once
// Appeals storage: categories, calendar, appeals, their units, timeline, attachments,
// full-text index and KPI rollups. Only this layer writes SQL for appeals.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/appeals/domain/rules.hpp"
#include "silian/platform/db/database.hpp"

namespace silian::appeals {
struct Category {
  std::int64_t id = 0;
  std::string code, name, description, group_name, keywords, list_kind, list_code, route;
  std::int64_t response_hours = 24, resolve_days = 5;
  bool active = true;
  std::int64_t sort_order = 0;
};
std::vector<Category> categories(db::Lease& lease, bool active_only);
std::optional<Category> find_category(db::Lease& lease, std::int64_t id);
std::optional<Category> find_category_by_code(db::Lease& lease, const std::string& code);
std::int64_t insert_category(db::Lease& lease, const Category& c);
void update_category(db::Lease& lease, const Category& c);

WorkCalendar load_calendar(db::Lease& lease);
struct Holiday {
  std::string day, kind, name;
};
std::vector<Holiday> holidays(db::Lease& lease);
void put_holiday(db::Lease& lease, const Holiday& h);
bool remove_holiday(db::Lease& lease, const std::string& day);

struct ServicePoint {
  std::int64_t id = 0;
  std::string code, name, address, community_name;
  std::int64_t community_id = 0, grid_id = 0;
};
std::vector<ServicePoint> service_points(db::Lease& lease);
std::optional<ServicePoint> find_service_point(db::Lease& lease, const std::string& code);
std::int64_t insert_service_point(db::Lease& lease, const ServicePoint& p);

struct Appeal {
  std::int64_t id = 0;
  std::string public_no, token;
  std::int64_t category_id = 0;
  std::string category_code, category_name;
  std::string channel, description;
  std::int64_t community_id = 0, grid_id = 0;
  std::string community_name, grid_name, street_path, place_path, address;
  std::optional<double> lat, lng;
  std::int64_t resident_id = 0;
  std::string contact_name_sealed, contact_phone_sealed;
  bool anonymous = false;
  std::int64_t entered_by = 0, api_key_id = 0;
  std::string route, status;
  std::int64_t desk_unit_id = 0, lead_unit_id = 0, handler_id = 0;
  std::string desk_unit_name, desk_unit_path, lead_unit_name, lead_unit_path, lead_unit_kind;
  std::int64_t escalation_level = 0, group_id = 0, reopen_count = 0;
  std::string month;
  std::int64_t received_at = 0, dispatched_at = 0, response_due = 0, resolve_due = 0,
               responded_at = 0, replied_at = 0, closed_at = 0;
  std::string rating;
  bool resolved = false;
  std::string public_reply;
  std::int64_t updated_at = 0;
};

// Stores a new appeal (its public number and tracking token included) and its search
// terms; returns the id.
std::int64_t insert_appeal(db::Lease& lease, Appeal& a);
std::optional<Appeal> find_appeal(db::Lease& lease, std::int64_t id);
// Inside a write transaction: the appeal's row locked until commit (FOR UPDATE on
// PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the write lock), so that two steps
// on one appeal never both pass the status check.
std::optional<Appeal> find_appeal_for_update(db::Lease& lease, std::int64_t id);
std::optional<Appeal> find_by_public_no(db::Lease& lease, const std::string& no);
std::optional<Appeal> find_by_token(db::Lease& lease, const std::string& token);
// Writes the mutable state (status, units, deadlines, rating, reply...).
void save_state(db::Lease& lease, const Appeal& a);
// The members of a group, locked like find_appeal_for_update.
std::vector<Appeal> group_members(db::Lease& lease, std::int64_t primary_id);

struct AppealUnit {
  std::int64_t unit_id = 0;
  std::string role, name, path;
};
std::vector<AppealUnit> units_of(db::Lease& lease, std::int64_t appeal_id);
void set_units(db::Lease& lease, std::int64_t appeal_id, std::int64_t lead,
               const std::vector<std::int64_t>& assisting, std::int64_t now);

struct Event {
  std::int64_t id = 0, appeal_id = 0, at = 0, actor_id = 0, unit_id = 0;
  std::string kind;
  bool is_public = true;
  std::string body, detail, actor_name, unit_name;
};
std::int64_t add_event(db::Lease& lease, const Event& e);
std::vector<Event> events_of(db::Lease& lease, std::int64_t appeal_id);

struct Attachment {
  std::int64_t upload_id = 0, event_id = 0;
  bool is_public = true;
  std::string content_type, original_name;
  std::int64_t byte_size = 0;
};
void attach(db::Lease& lease, std::int64_t appeal_id, std::int64_t upload_id, std::int64_t event_id,
            bool is_public);
std::vector<Attachment> attachments_of(db::Lease& lease, std::int64_t appeal_id);
std::optional<Attachment> find_attachment(db::Lease& lease, std::int64_t appeal_id,
                                          std::int64_t upload_id);

struct Filter {
  std::string status;      // one status, or "open" for every open status
  std::string place_path;  // a community or street path (prefix)
  std::int64_t category_id = 0, lead_unit_id = 0, resident_id = 0;
  bool overdue = false;
  std::int64_t now = 0;
  std::string text;
  // Staff scope: the appeal lies under one of these paths, or one of these units is its
  // lead or assisting unit. Both empty means no restriction (callers decide who).
  std::vector<std::string> scope_paths;
  std::vector<std::int64_t> scope_units;
  bool restrict_scope = false;
  std::int64_t since = 0, until = 0;  // received_at window, 0 = open
  std::vector<std::string> public_nos;
  std::vector<std::string> category_codes;
  std::vector<std::string> statuses;
};
// Newest first; `limit + 1` rows are read so callers can tell whether a next page exists.
std::vector<Appeal> search(db::Lease& lease, const Filter& f, int limit, int offset);

// How many appeals match, counting no further than `cap` (workbench counters).
std::int64_t count_appeals(db::Lease& lease, const Filter& f, std::int64_t cap);

// Open appeals near this one: same grid (or community without a grid), recent, similar
// text. Returns (appeal, similarity) pairs, best first.
std::vector<std::pair<Appeal, double>> near_duplicates(db::Lease& lease, const Appeal& a,
                                                       std::int64_t since, double threshold);

// KPI rollups, kept in the same transaction as the change they count.
enum class KpiField {
  dispatched,
  responded_on_time,
  rated,
  resolved,
  satisfied,
  basic,
  unsatisfied
};
void kpi_add(db::Lease& lease, const std::string& month, const std::string& subject_kind,
             std::int64_t subject_id, KpiField field, std::int64_t delta);
struct KpiRow {
  std::string subject_kind;
  std::int64_t subject_id = 0;
  KpiCounts counts;
};
std::vector<KpiRow> kpi_rows(db::Lease& lease, const std::string& month);

KpiWeights load_weights(db::Lease& lease);
void save_weights(db::Lease& lease, const KpiWeights& w);

// Rebuilds the full-text index from the appeals (after a restore).
void rebuild_search_index(db::Lease& lease);
void index_appeal(db::Lease& lease, std::int64_t id, const std::string& text);

// Open311 API keys: only a hash is stored; the key is shown once.
struct ApiKey {
  std::int64_t id = 0;
  std::string name, prefix;
  std::int64_t created_at = 0, revoked_at = 0;
};
std::string create_api_key(db::Lease& lease, const std::string& name, std::int64_t by,
                           std::int64_t now, std::int64_t* id_out = nullptr);
std::optional<ApiKey> find_api_key(db::Lease& lease, const std::string& key);  // live keys only
std::vector<ApiKey> api_keys(db::Lease& lease);
bool revoke_api_key(db::Lease& lease, std::int64_t id, std::int64_t now);
}  // namespace silian::appeals
