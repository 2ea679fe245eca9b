-- Appeals (诉求): categories mapped to list items, the holiday calendar, appeals with
-- their units, timeline, attachments, full-text index and KPI rollups, service points
-- (QR codes) and Open311 API keys. Times are Unix seconds; months are local YYYY-MM.
CREATE TABLE appeal_categories (
  id {{PK}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  group_name TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  list_kind TEXT NOT NULL,
  list_code TEXT NOT NULL,
  route TEXT NOT NULL,
  response_hours BIGINT NOT NULL,
  resolve_days BIGINT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  sort_order BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE holidays (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE appeal_service_points (
  id {{PK}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  grid_id BIGINT REFERENCES org_units(id),
  address TEXT NOT NULL DEFAULT ''
);

CREATE TABLE api_keys (
  id {{PK}},
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE appeals (
  id {{PK}},
  public_no TEXT NOT NULL UNIQUE,
  token TEXT NOT NULL UNIQUE,
  category_id BIGINT NOT NULL REFERENCES appeal_categories(id),
  channel TEXT NOT NULL,
  description TEXT NOT NULL,
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  grid_id BIGINT REFERENCES org_units(id),
  place_path TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  resident_id BIGINT REFERENCES accounts(id),
  contact_name_sealed TEXT NOT NULL DEFAULT '',
  contact_phone_sealed TEXT NOT NULL DEFAULT '',
  anonymous BIGINT NOT NULL DEFAULT 0,
  entered_by BIGINT NOT NULL DEFAULT 0,
  api_key_id BIGINT REFERENCES api_keys(id),
  route TEXT NOT NULL,
  status TEXT NOT NULL,
  desk_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  lead_unit_id BIGINT REFERENCES org_units(id),
  handler_id BIGINT NOT NULL DEFAULT 0,
  escalation_level BIGINT NOT NULL DEFAULT 0,
  group_id BIGINT REFERENCES appeals(id),
  reopen_count BIGINT NOT NULL DEFAULT 0,
  month TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  dispatched_at BIGINT NOT NULL DEFAULT 0,
  response_due BIGINT NOT NULL DEFAULT 0,
  resolve_due BIGINT NOT NULL DEFAULT 0,
  responded_at BIGINT NOT NULL DEFAULT 0,
  replied_at BIGINT NOT NULL DEFAULT 0,
  closed_at BIGINT NOT NULL DEFAULT 0,
  rating TEXT NOT NULL DEFAULT '',
  resolved BIGINT NOT NULL DEFAULT 0,
  public_reply TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
CREATE INDEX appeals_status ON appeals(status, id);
CREATE INDEX appeals_lead ON appeals(lead_unit_id, status);
CREATE INDEX appeals_desk ON appeals(desk_unit_id, status);
CREATE INDEX appeals_place ON appeals(place_path);
CREATE INDEX appeals_received ON appeals(received_at);
CREATE INDEX appeals_category ON appeals(category_id, received_at);
CREATE INDEX appeals_resident ON appeals(resident_id);
CREATE INDEX appeals_group ON appeals(group_id);

CREATE TABLE appeal_units (
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  role TEXT NOT NULL,
  assigned_at BIGINT NOT NULL,
  PRIMARY KEY (appeal_id, unit_id)
);
CREATE INDEX appeal_units_unit ON appeal_units(unit_id);

CREATE TABLE appeal_events (
  id {{PK}},
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  unit_id BIGINT REFERENCES org_units(id),
  kind TEXT NOT NULL,
  public BIGINT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeal_events_appeal ON appeal_events(appeal_id, id);

CREATE TABLE appeal_attachments (
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  upload_id BIGINT NOT NULL REFERENCES uploads(id),
  event_id BIGINT REFERENCES appeal_events(id),
  public BIGINT NOT NULL,
  PRIMARY KEY (appeal_id, upload_id)
);

CREATE TABLE appeal_kpis (
  month TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  dispatched BIGINT NOT NULL DEFAULT 0,
  responded_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  basic BIGINT NOT NULL DEFAULT 0,
  unsatisfied BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, subject_kind, subject_id)
);

-- The full-text index holds Simplified-script bigrams, so two-character words match and
-- Traditional queries find Simplified text. It is derived data: rebuilt after a restore.
{{sqlite}} CREATE VIRTUAL TABLE appeal_search USING fts5(terms, content='', tokenize='unicode61');
{{postgresql}} CREATE TABLE appeal_search (rowid BIGINT PRIMARY KEY, terms TSVECTOR NOT NULL);
{{postgresql}} CREATE INDEX appeal_search_terms ON appeal_search USING GIN (terms);
