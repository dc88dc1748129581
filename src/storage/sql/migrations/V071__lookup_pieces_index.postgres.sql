-- The look-up pieces' GIN index (V063), dropped by V070 while the rows lost their pinyin pieces,
-- built again over the rows as they are now.
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX IF NOT EXISTS household_lookup_pieces ON household_lookup USING GIN (pieces);
