-- The property register an owners' meeting counts by (Civil Code art. 278; SPC
-- interpretation on building co-ownership arts. 8-9): each exclusive part with its
-- registered holder and area (hundredths of a square metre), the developer's unsold or
-- undelivered parts marked, and optionally the holder's platform account.
CREATE TABLE property_parts (
  id {{PK}},
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  code TEXT NOT NULL,
  holder TEXT NOT NULL,
  area BIGINT NOT NULL,
  developer_held BIGINT NOT NULL DEFAULT 0,
  account_id BIGINT REFERENCES accounts(id),
  UNIQUE (community_id, code)
);
