#pragma once
// Execution and supervision storage: a decision's tasks and their progress reports, the
// supervisory committee's reviews, and residents' ratings of the outcome.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "silian/platform/db/database.hpp"

namespace silian::deliberation {
struct Task {
  std::int64_t id = 0, decision_id = 0, owner_account_id = 0, owner_unit_id = 0;
  std::string title, owner_name, due_date, status;  // status: open, done
  std::int64_t created_by = 0, created_at = 0, done_at = 0;
};
std::int64_t insert_task(db::Lease& lease, const Task& t);
std::vector<Task> tasks_of(db::Lease& lease, std::int64_t decision_id);
std::optional<Task> find_task(db::Lease& lease, std::int64_t id);
void mark_task_done(db::Lease& lease, std::int64_t id, std::int64_t now);

struct Report {
  std::int64_t id = 0, task_id = 0, account_id = 0, at = 0;
  std::string author, body;
  bool done = false;
};
void insert_report(db::Lease& lease, const Report& r);
std::vector<Report> reports_of(db::Lease& lease, std::int64_t task_id);

struct Review {
  std::int64_t id = 0, decision_id = 0, account_id = 0, at = 0;
  std::string reviewer, verdict, note;  // verdict: objection, signed_off
};
void insert_review(db::Lease& lease, const Review& r);
std::vector<Review> reviews_of(db::Lease& lease, std::int64_t decision_id);

void put_rating(db::Lease& lease, std::int64_t decision_id, std::int64_t household_id,
                std::int64_t account_id, const std::string& rating, std::int64_t now);
std::map<std::string, std::int64_t> rating_counts(db::Lease& lease, std::int64_t decision_id);
std::optional<std::string> rating_of(db::Lease& lease, std::int64_t decision_id,
                                     std::int64_t household_id);
}  // namespace silian::deliberation
