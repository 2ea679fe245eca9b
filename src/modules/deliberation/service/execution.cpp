#include "silian/modules/deliberation/service/execution.hpp"

#include <algorithm>

#include "silian/modules/appeals/domain/calendar.hpp"
#include "silian/modules/deliberation/service/common.hpp"
#include "silian/modules/deliberation/service/meetings.hpp"
#include "silian/modules/org/storage/people_store.hpp"
#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/auth/account_store.hpp"
#include "silian/platform/clock.hpp"
#include "silian/platform/notify/inbox.hpp"
#include "silian/platform/org/org_store.hpp"
#include "silian/platform/record/public_record.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::deliberation {
namespace {
using detail::blank;
using detail::characters;
using detail::refuse;

const std::vector<std::string> k_task_units = {
    "department",          "street",   "unit", "property_company", "owners_committee",
    "social_organization", "community"};

void log(db::Lease& lease, const auth::Principal& who, const std::string& action,
         std::int64_t decision, const std::string& detail, std::int64_t now) {
  audit::append(lease, {who.account_id, action, "decision", std::to_string(decision), detail}, now);
}

std::string decision_link(std::int64_t id) {
  return "/deliberation/decisions/" + std::to_string(id);
}

bool text_ok(const std::string& text, std::size_t max) {
  return !blank(text) && search::valid_utf8(text) && characters(text) <= max;
}
}  // namespace

bool owns(db::Lease& lease, const auth::Principal& who, const Task& t) {
  return acts_for(lease, who, t.owner_account_id, t.owner_unit_id);
}

bool supervises(db::Lease& lease, const auth::Principal& who, std::int64_t community_id,
                const std::string& community_path, std::int64_t now) {
  if (who.covers(community_path, {"supervisor"})) return true;
  auto committee = council_of(lease, community_id, "supervisory");
  if (!committee) return false;
  auto today = appeals::local_date(now);
  for (const auto& m : members_of(lease, committee->id))
    if (m.account_id == who.account_id && m.term_start <= today && today <= m.term_end) return true;
  return false;
}

Result add_task(db::Lease& lease, const auth::Principal& who, std::int64_t decision_id,
                const std::string& title, const std::string& username, const std::string& unit_code,
                const std::string& due_date, std::int64_t now) {
  auto d = find_decision(lease, decision_id);
  auto t = d ? find_topic_for_update(lease, d->topic_id) : std::nullopt;
  if (!d || !t || !may_convene(who, t->community_path)) return refuse(404, "error_not_found");
  if (t->status != "decided" && t->status != "executing")
    return refuse(409, "error_execution_closed");
  if (!text_ok(title, 200)) return refuse(422, "error_execution_title");
  if (!valid_date(due_date) || due_date < appeals::local_date(now))
    return refuse(422, "error_execution_due");
  if (username.empty() == unit_code.empty()) return refuse(422, "error_execution_owner");
  Task task;
  task.decision_id = d->id;
  task.title = title;
  task.due_date = due_date;
  task.created_by = who.account_id;
  task.created_at = now;
  std::vector<std::int64_t> told;
  if (!username.empty()) {
    auto account = auth::find_account_by_username(lease, username);
    if (!account) return refuse(422, "error_execution_owner");
    task.owner_account_id = account->id;
    told.push_back(account->id);
  } else {
    auto unit = org::find_unit_by_code(lease, unit_code);
    if (!unit || !unit->active ||
        std::find(k_task_units.begin(), k_task_units.end(), unit->kind) == k_task_units.end())
      return refuse(422, "error_execution_owner");
    task.owner_unit_id = unit->id;
    told = unit_accounts(lease, unit->id);
  }
  auto id = insert_task(lease, task);
  if (t->status == "decided") set_topic_status(lease, t->id, "executing", now);
  add_topic_event(lease, {0, t->id, now, who.account_id, "task_added", title, ""});
  for (auto account : told)
    notify::send(lease, account, "notify_task_assigned", {{"title", title}, {"due", due_date}},
                 decision_link(d->id), now);
  log(lease, who, "deliberation.task.add", d->id, "task=" + std::to_string(id), now);
  return {d->id, 200, ""};
}

Result report_progress(db::Lease& lease, const auth::Principal& who, std::int64_t task_id,
                       const std::string& body, bool done, std::int64_t now) {
  auto found = find_task(lease, task_id);
  if (!found || !owns(lease, who, *found)) return refuse(404, "error_not_found");
  auto d = find_decision(lease, found->decision_id);
  // The topic locked first, then the task read again: two "done" reports at once make one.
  auto t = d ? find_topic_for_update(lease, d->topic_id) : std::nullopt;
  auto task = find_task(lease, task_id);
  if (!d || !t || !task) return refuse(404, "error_not_found");
  if (t->status != "executing" || task->status == "done")
    return refuse(409, "error_execution_closed");
  if (!text_ok(body, 2000)) return refuse(422, "error_execution_report");
  insert_report(lease, {0, task->id, who.account_id, now, "", body, done});
  if (done) {
    mark_task_done(lease, task->id, now);
    add_topic_event(lease, {0, t->id, now, who.account_id, "task_done", task->title, ""});
  }
  log(lease, who, "deliberation.task.report", d->id,
      "task=" + std::to_string(task->id) + (done ? " done" : ""), now);
  return {d->id, 200, ""};
}

Result review(db::Lease& lease, const auth::Principal& who, std::int64_t decision_id,
              const std::string& verdict, const std::string& note, std::int64_t now) {
  auto d = find_decision(lease, decision_id);
  auto t = d ? find_topic_for_update(lease, d->topic_id) : std::nullopt;
  if (!d || !t) return refuse(404, "error_not_found");
  if (!supervises(lease, who, t->community_id, t->community_path, now))
    return refuse(404, "error_not_found");
  if (t->status != "executing") return refuse(409, "error_review_state");
  if (verdict != "objection" && verdict != "signed_off") return refuse(422, "error_review_verdict");
  if (!search::valid_utf8(note) || characters(note) > 2000) return refuse(422, "error_review_note");
  if (verdict == "objection" && blank(note)) return refuse(422, "error_review_note");
  auto tasks = tasks_of(lease, d->id);
  if (verdict == "signed_off" &&
      (tasks.empty() ||
       std::any_of(tasks.begin(), tasks.end(), [](const Task& k) { return k.status != "done"; })))
    return refuse(409, "error_review_tasks_open");
  insert_review(lease, {0, d->id, who.account_id, now, "", verdict, note});
  add_topic_event(lease, {0, t->id, now, who.account_id, "review_" + verdict, note, ""});
  log(lease, who, "deliberation.review", d->id, "verdict=" + verdict, now);
  if (verdict == "signed_off") {
    set_topic_status(lease, t->id, "signed_off", now);
    std::string summary;
    for (const auto& k : tasks) summary += "- " + k.title + "\n";
    record::publish(lease, "deliberation.sign_off", "topic:" + std::to_string(t->id), t->title,
                    summary + (note.empty() ? "" : note), now);
    if (t->proposer_id)
      notify::send(lease, t->proposer_id, "notify_decision_signed_off", {{"title", t->title}},
                   decision_link(d->id), now);
  } else {
    auto council = council_of(lease, t->community_id, "consultation");
    if (council)
      for (const auto& m : members_of(lease, council->id))
        if (m.account_id)
          notify::send(lease, m.account_id, "notify_decision_objection", {{"title", t->title}},
                       decision_link(d->id), now);
  }
  return {d->id, 200, ""};
}

Result rate_outcome(db::Lease& lease, const auth::Principal& who, std::int64_t decision_id,
                    const std::string& rating, std::int64_t now) {
  auto d = find_decision(lease, decision_id);
  auto t = d ? find_topic(lease, d->topic_id) : std::nullopt;
  if (!d || !t) return refuse(404, "error_not_found");
  if (t->status != "signed_off") return refuse(409, "error_rating_state");
  auto r = org::resident_of_account(lease, who.account_id);
  if (!r || r->status != "verified" || !r->household_id || r->community_id != t->community_id)
    return refuse(409, "error_rating_who");
  if (rating != "satisfied" && rating != "basic" && rating != "unsatisfied")
    return refuse(422, "error_rating_value");
  put_rating(lease, d->id, r->household_id, who.account_id, rating, now);
  log(lease, who, "deliberation.rating", d->id, "", now);
  return {d->id, 200, ""};
}
}  // namespace silian::deliberation
