-- Near-duplicate detection looks up recent appeals of one grid or community.
CREATE INDEX appeals_grid_received ON appeals(grid_id, received_at);
CREATE INDEX appeals_community_received ON appeals(community_id, received_at);
