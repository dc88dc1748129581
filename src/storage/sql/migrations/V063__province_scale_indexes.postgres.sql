-- Reads that stay proportional to what they answer at a province's size (issue 19, measured at
-- 1M households and 2M matters in README "A province on PostgreSQL").

-- A county's or a township's dashboard reads its own counter cells: the path range inside one
-- dimension, then the days (matter_stats_dimension_day alone read every county's cells).
CREATE INDEX matter_stats_dimension_path ON matter_stats (dimension, path text_pattern_ops, day);

-- The matter list's common filters within a region, and their capped counts: a region's matters
-- in some statuses (the status first, then the path range), and a region's matters in a period
-- or in every status (the path range, read from the index alone).
CREATE INDEX matters_status_region ON matters (status, region_path text_pattern_ops, accepted_at);
CREATE INDEX matters_region_status ON matters (region_path text_pattern_ops, status, accepted_at);

-- Deleting a resident checks that no matter names it.
CREATE INDEX matters_resident ON matters (resident_id) WHERE resident_id IS NOT NULL;

-- The one-box look-up's candidates: the pieces (one and two characters, four digits in a row) of
-- each household's look-up values, written with the row by the application
-- (storage/lookup_index.hpp, LookupPiecesVector), under a GIN index. A look-up asks for the
-- pieces of what it looks for (LookupPiecesQuery), then checks its own conditions on the
-- candidates: a short name costs what its households cost, not a scan of the province. The rows
-- are written again at the next start (the look-up table's version is 2 from this release on),
-- which fills the column.
ALTER TABLE household_lookup ADD COLUMN pieces TSVECTOR NOT NULL DEFAULT '';
CREATE INDEX household_lookup_pieces ON household_lookup USING GIN (pieces);
