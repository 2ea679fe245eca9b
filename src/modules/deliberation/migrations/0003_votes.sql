-- Votes (表决) on a topic of a noticed agenda, under a voting rule, with one ballot per
-- eligible voter (a council member, or a household) changeable until the close, online or
-- written; the tally and outcome at the close; and the decision (决议) it produced.
CREATE TABLE votes (
  id {{PK}},
  topic_id BIGINT NOT NULL REFERENCES topics(id),
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  rule_code TEXT NOT NULL,
  electorate TEXT NOT NULL,
  question TEXT NOT NULL,
  status TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  electorate_heads BIGINT NOT NULL DEFAULT 0,
  electorate_area BIGINT NOT NULL DEFAULT 0,
  present_heads BIGINT NOT NULL DEFAULT 0,
  present_area BIGINT NOT NULL DEFAULT 0,
  yes_heads BIGINT NOT NULL DEFAULT 0,
  no_heads BIGINT NOT NULL DEFAULT 0,
  abstain_heads BIGINT NOT NULL DEFAULT 0,
  yes_area BIGINT NOT NULL DEFAULT 0,
  no_area BIGINT NOT NULL DEFAULT 0,
  abstain_area BIGINT NOT NULL DEFAULT 0,
  quorum_met BIGINT NOT NULL DEFAULT 0,
  passed BIGINT NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  closed_at BIGINT NOT NULL DEFAULT 0,
  opened_by BIGINT NOT NULL REFERENCES accounts(id)
);
CREATE INDEX votes_topic ON votes (topic_id);

CREATE TABLE ballots (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  voter_key TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  choice TEXT NOT NULL,
  area BIGINT NOT NULL DEFAULT 0,
  channel TEXT NOT NULL,
  cast_at BIGINT NOT NULL,
  PRIMARY KEY (vote_id, voter_key)
);

CREATE TABLE decisions (
  id {{PK}},
  topic_id BIGINT NOT NULL UNIQUE REFERENCES topics(id),
  vote_id BIGINT NOT NULL UNIQUE REFERENCES votes(id),
  text TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
