-- The platform's own tables: organisation tree, accounts, roles, sessions, login
-- throttling, audit trail, jobs, notifications and settings. Times are Unix seconds.
CREATE TABLE org_units (
  id {{PK}},
  parent_id BIGINT REFERENCES org_units(id),
  kind TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE INDEX org_units_parent ON org_units(parent_id);
CREATE INDEX org_units_path ON org_units(path);

CREATE TABLE accounts (
  id {{PK}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL
);

CREATE TABLE role_assignments (
  id {{PK}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  granted_by BIGINT NOT NULL DEFAULT 0,
  granted_at BIGINT NOT NULL,
  UNIQUE (account_id, role, unit_id)
);
CREATE INDEX role_assignments_unit ON role_assignments(unit_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_failures (
  id {{PK}},
  throttle_key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures(throttle_key, at);

CREATE TABLE audit_entries (
  id {{PK}},
  seq BIGINT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE audit_head (
  id BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE jobs (
  id {{PK}},
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  run_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts BIGINT NOT NULL DEFAULT 0,
  dedupe_key TEXT UNIQUE,
  finished_at BIGINT NOT NULL DEFAULT 0,
  finished_by TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX jobs_due ON jobs(status, run_at);

CREATE TABLE notifications (
  id {{PK}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  at BIGINT NOT NULL,
  message_key TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  link TEXT NOT NULL DEFAULT '',
  read_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX notifications_account ON notifications(account_id, at);

CREATE TABLE settings (
  setting_key TEXT PRIMARY KEY,
  setting_value TEXT NOT NULL
);
