-- Secondary indexes of the network tables. Prefix filters use LIKE 'prefix%' (an index range in
-- SQLite with case_sensitive_like; the PostgreSQL sibling uses text_pattern_ops).
CREATE INDEX contact_links_member ON contact_links (member_id);
CREATE INDEX leader_links_leader ON leader_links (leader_member_id);
CREATE INDEX link_requests_household ON link_requests (household_id);
CREATE INDEX link_requests_member ON link_requests (member_id);
CREATE INDEX notices_region_path ON notices (region_path, published_at);
-- A member's open deliveries: only undelivered rows are indexed.
CREATE INDEX notice_deliveries_pending ON notice_deliveries (member_id) WHERE delivered_at IS NULL;
CREATE INDEX notice_deliveries_household ON notice_deliveries (household_id);
CREATE INDEX household_events_household ON household_events (household_id);
CREATE INDEX household_events_member ON household_events (member_id);
CREATE INDEX household_events_region_path ON household_events (region_path);
CREATE INDEX visits_household ON visits (household_id, visited_at);
CREATE INDEX visits_visitor ON visits (visitor_user_id, visited_at);
CREATE INDEX visits_region_path_at ON visits (region_path, visited_at);
CREATE INDEX visits_corrects ON visits (corrects_id);
