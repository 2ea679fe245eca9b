-- Residents' group representatives (居民小组代表): each residents' group elects two or
-- three, and a residents' meeting may be held by them (Urban Residents' Committee
-- Organization Law art. 9). Kept by the community's director.
CREATE TABLE group_representatives (
  community_id BIGINT NOT NULL REFERENCES org_units(id),
  resident_id BIGINT NOT NULL REFERENCES residents(id),
  group_name TEXT NOT NULL,
  PRIMARY KEY (community_id, resident_id)
);
