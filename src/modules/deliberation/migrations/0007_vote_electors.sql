-- The electorate of each vote, frozen when it opens: who may cast a ballot (a council
-- member, a household, an owner) and, for owners, the area their ballot carries.
CREATE TABLE vote_electors (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  voter_key TEXT NOT NULL,
  area BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (vote_id, voter_key)
);

-- Whether a comment was written as staff (named in public) or as a resident (named only
-- to the community's staff).
ALTER TABLE topic_comments ADD COLUMN author_kind TEXT NOT NULL DEFAULT 'resident';
