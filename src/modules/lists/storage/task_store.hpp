#pragma once
// Work tasks (工作任务下沉) that departments file for communities.
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::lists {
struct WorkTask {
  std::int64_t id = 0;
  std::int64_t department_id = 0;
  std::string department_name;
  std::string title;
  std::string description;
  std::string due_on;
  std::string assistance_code;
  std::int64_t assistance_version_id = 0;
  std::string funding;
  std::int64_t approval_unit_id = 0;
  std::string approval_unit_name;
  std::string approval_unit_path;
  std::string status;  // pending | approved | rejected
  std::string decision_note;
  std::int64_t created_at = 0;
  std::int64_t created_by = 0;  // the department officer who filed it
  std::vector<std::int64_t> community_ids;
  std::vector<std::string> community_names;
  std::vector<std::int64_t> burden_ids;
};

std::int64_t insert_task(db::Lease& lease, const WorkTask& task, std::int64_t by, std::int64_t now);
std::optional<WorkTask> find_task(db::Lease& lease, std::int64_t id);
// Filters: department (0 = any), approval scope path prefix ("" = any), community (0 = any),
// status ("" = any).
struct TaskFilter {
  std::int64_t department_id = 0;
  std::string approval_scope;
  std::int64_t community_id = 0;
  std::string status;
};
std::vector<WorkTask> tasks(db::Lease& lease, const TaskFilter& filter);
bool decide_task(db::Lease& lease, std::int64_t id, const std::string& status,
                 const std::string& note, std::int64_t by, std::int64_t now);
std::int64_t pending_count(db::Lease& lease, const std::string& approval_scope);
}  // namespace silian::lists
