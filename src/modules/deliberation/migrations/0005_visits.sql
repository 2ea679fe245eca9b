-- Residents inviting a named official to meet on a matter (约请), with the official's
-- answer (a time and place, or a reason) and the outcome; and leaders' scheduled visits
-- down to communities (下访). Accepted invitations and visits are on the public calendar.
CREATE TABLE official_requests (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  requester_id BIGINT NOT NULL REFERENCES accounts(id),
  on_behalf_of TEXT NOT NULL DEFAULT '',
  official_id BIGINT NOT NULL REFERENCES accounts(id),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  meet_at BIGINT NOT NULL DEFAULT 0,
  place TEXT NOT NULL DEFAULT '',
  reply_note TEXT NOT NULL DEFAULT '',
  replied_at BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  outcome_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX official_requests_official ON official_requests (official_id, created_at);
CREATE INDEX official_requests_requester ON official_requests (requester_id, created_at);

CREATE TABLE leader_visits (
  id {{PK}},
  leader_id BIGINT NOT NULL REFERENCES accounts(id),
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  place TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  outcome_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX leader_visits_starts ON leader_visits (starts_at);
