-- The two lists (statutory duties, assistance items, administrative affairs) as
-- versioned documents; work tasks that departments file for communities; the burden
-- catalogue and burden reports.
CREATE TABLE list_versions (
  id {{PK}},
  list_kind TEXT NOT NULL,
  version_no BIGINT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  published_by BIGINT NOT NULL DEFAULT 0,
  published_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (list_kind, version_no)
);

CREATE TABLE list_items (
  id {{PK}},
  version_id BIGINT NOT NULL REFERENCES list_versions(id),
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  department_id BIGINT REFERENCES org_units(id),
  funding TEXT NOT NULL DEFAULT '',
  sort_order BIGINT NOT NULL DEFAULT 0,
  UNIQUE (version_id, code)
);
CREATE INDEX list_items_code ON list_items(code);

CREATE TABLE burden_items (
  id {{PK}},
  kind TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  imposed_by BIGINT REFERENCES org_units(id),
  status TEXT NOT NULL,
  merged_into BIGINT REFERENCES burden_items(id),
  decided_on TEXT NOT NULL DEFAULT '',
  decision_document TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE work_tasks (
  id {{PK}},
  department_id BIGINT NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  due_on TEXT NOT NULL,
  assistance_code TEXT NOT NULL,
  assistance_version_id BIGINT NOT NULL REFERENCES list_versions(id),
  funding TEXT NOT NULL,
  approval_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  status TEXT NOT NULL,
  decision_note TEXT NOT NULL DEFAULT '',
  decided_by BIGINT NOT NULL DEFAULT 0,
  decided_at BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX work_tasks_status ON work_tasks(status, approval_unit_id);

CREATE TABLE work_task_communities (
  task_id BIGINT NOT NULL REFERENCES work_tasks(id),
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  PRIMARY KEY (task_id, community_id)
);
CREATE INDEX work_task_communities_community ON work_task_communities(community_id);

CREATE TABLE work_task_burdens (
  task_id BIGINT NOT NULL REFERENCES work_tasks(id),
  burden_item_id BIGINT NOT NULL REFERENCES burden_items(id),
  PRIMARY KEY (task_id, burden_item_id)
);

CREATE TABLE burden_reports (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  department_id BIGINT REFERENCES org_units(id),
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by BIGINT NOT NULL DEFAULT 0,
  answered_at BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX burden_reports_status ON burden_reports(status);
