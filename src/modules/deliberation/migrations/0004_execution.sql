-- Execution (理事) and supervision (监事) of a decision: tasks with an owner (a person or a
-- unit) and a due date, progress reports, the supervisory committee's objections and
-- sign-off, and residents' ratings of the outcome (one per household).
CREATE TABLE decision_tasks (
  id {{PK}},
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  title TEXT NOT NULL,
  owner_account_id BIGINT REFERENCES accounts(id),
  owner_unit_id BIGINT REFERENCES org_units(id),
  due_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  done_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX decision_tasks_decision ON decision_tasks (decision_id);

CREATE TABLE task_reports (
  id {{PK}},
  task_id BIGINT NOT NULL REFERENCES decision_tasks(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  body TEXT NOT NULL,
  done BIGINT NOT NULL DEFAULT 0,
  at BIGINT NOT NULL
);
CREATE INDEX task_reports_task ON task_reports (task_id, id);

CREATE TABLE supervision_reviews (
  id {{PK}},
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  verdict TEXT NOT NULL,
  note TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX supervision_reviews_decision ON supervision_reviews (decision_id, id);

CREATE TABLE decision_ratings (
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  rating TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (decision_id, household_id)
);
