-- Deliberation (协商议事): each community's consultation council and supervisory
-- committee with members and terms, voting rules as data, and topics (议题) with their
-- source, co-signing households and timeline. Times are Unix seconds; dates YYYY-MM-DD.
CREATE TABLE councils (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  rules TEXT NOT NULL DEFAULT '',
  term_start TEXT NOT NULL,
  term_end TEXT NOT NULL,
  proposal_threshold BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  UNIQUE (community_id, kind)
);

CREATE TABLE council_members (
  id {{PK}},
  council_id BIGINT NOT NULL REFERENCES councils(id),
  account_id BIGINT REFERENCES accounts(id),
  name TEXT NOT NULL,
  position TEXT NOT NULL,
  sector TEXT NOT NULL,
  term_start TEXT NOT NULL,
  term_end TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX council_members_council ON council_members (council_id);

CREATE TABLE voting_rules (
  id {{PK}},
  code TEXT NOT NULL UNIQUE,
  measure TEXT NOT NULL,
  quorum_numerator BIGINT NOT NULL DEFAULT 0,
  quorum_denominator BIGINT NOT NULL DEFAULT 0,
  quorum_strict BIGINT NOT NULL DEFAULT 0,
  approval_numerator BIGINT NOT NULL,
  approval_denominator BIGINT NOT NULL,
  approval_strict BIGINT NOT NULL,
  builtin BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE topics (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  source TEXT NOT NULL,
  appeal_id BIGINT UNIQUE REFERENCES appeals(id),
  proposer_id BIGINT REFERENCES accounts(id),
  proposer_unit_id BIGINT REFERENCES org_units(id),
  status TEXT NOT NULL,
  cosign_threshold BIGINT NOT NULL DEFAULT 0,
  cosign_count BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX topics_community ON topics (community_id, updated_at);

CREATE TABLE topic_cosignatures (
  topic_id BIGINT NOT NULL REFERENCES topics(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  signed_at BIGINT NOT NULL,
  PRIMARY KEY (topic_id, household_id)
);

CREATE TABLE topic_events (
  id {{PK}},
  topic_id BIGINT NOT NULL REFERENCES topics(id),
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX topic_events_topic ON topic_events (topic_id, id);

-- The rules the law and common council rules set; mirrors domain/voting.cpp
-- (standard_rules), which a storage test compares with these rows.
INSERT INTO voting_rules (code, measure, quorum_numerator, quorum_denominator, quorum_strict,
  approval_numerator, approval_denominator, approval_strict, builtin) VALUES
  ('simple_majority', 'heads', 0, 0, 0, 1, 2, 1, 1),
  ('two_thirds', 'heads', 0, 0, 0, 2, 3, 0, 1),
  ('residents_meeting', 'heads', 1, 2, 1, 1, 2, 1, 1),
  ('owners_ordinary', 'heads_and_area', 2, 3, 0, 1, 2, 1, 1),
  ('owners_major', 'heads_and_area', 2, 3, 0, 3, 4, 0, 1);
