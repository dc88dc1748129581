-- Secondary indexes for the list and look-up queries. Prefix filters use LIKE 'prefix%', which
-- SQLite turns into an index range because every connection sets case_sensitive_like.
CREATE INDEX regions_parent ON regions (parent_id);
CREATE INDEX regions_code ON regions (code);
CREATE INDEX households_region_path ON households (region_path);
CREATE INDEX households_region ON households (region_id);
CREATE INDEX households_updated ON households (updated_at);
CREATE INDEX residents_household ON residents (household_id);
CREATE INDEX residents_region_path ON residents (region_path);
CREATE INDEX residents_id_card ON residents (id_card);
-- Residents without an ID card number are allowed; numbers that are present are unique.
CREATE UNIQUE INDEX residents_id_card_unique ON residents (id_card) WHERE id_card <> '';
CREATE INDEX residents_phone ON residents (phone);
CREATE INDEX residents_name ON residents (name);
CREATE INDEX residents_pinyin ON residents (pinyin_key);
CREATE INDEX residents_initials ON residents (initials);
CREATE INDEX resident_moves_resident ON resident_moves (resident_id);
CREATE INDEX resident_moves_from ON resident_moves (from_household_id);
CREATE INDEX resident_moves_to ON resident_moves (to_household_id);
CREATE INDEX party_orgs_parent ON party_orgs (parent_id);
CREATE INDEX party_orgs_region_path ON party_orgs (region_path);
CREATE INDEX party_members_org ON party_members (org_id);
CREATE INDEX party_members_region_path ON party_members (region_path);
CREATE INDEX staff_unit ON staff (unit_id);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user ON audit_log (user_id);
CREATE INDEX audit_log_at ON audit_log (at);
