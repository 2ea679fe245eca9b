-- Households at addresses and the residents who live in them. A resident who
-- registered online stays 'pending' until a community worker confirms the household.
CREATE TABLE households (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  grid_id BIGINT REFERENCES org_units(id),
  address TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (community_id, address)
);

CREATE TABLE residents (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  household_id BIGINT REFERENCES households(id),
  account_id BIGINT UNIQUE REFERENCES accounts(id),
  name TEXT NOT NULL,
  phone_sealed TEXT NOT NULL DEFAULT '',
  phone_index TEXT NOT NULL DEFAULT '',
  adult BIGINT NOT NULL DEFAULT 1,
  status TEXT NOT NULL,
  stated_address TEXT NOT NULL DEFAULT '',
  decision_note TEXT NOT NULL DEFAULT '',
  decided_by BIGINT NOT NULL DEFAULT 0,
  decided_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX residents_community_status ON residents(community_id, status);
CREATE INDEX residents_household ON residents(household_id);
CREATE INDEX residents_phone_index ON residents(phone_index);
