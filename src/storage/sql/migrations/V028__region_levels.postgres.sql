-- Configurable region levels (issue 14): a city root (level 0, 市) may stand above the county,
-- and each deployment names its levels (县/乡镇/村/组, or 市/区/街道/社区/网格).
ALTER TABLE regions DROP CONSTRAINT regions_level_check;
ALTER TABLE regions ADD CONSTRAINT regions_level_check CHECK (level BETWEEN 0 AND 4);

-- One row per level in use, top first by level; the defaults are the county's four levels.
CREATE TABLE region_levels (
  level INTEGER PRIMARY KEY CHECK (level BETWEEN 0 AND 4),
  name TEXT NOT NULL,
  name_en TEXT NOT NULL
);
INSERT INTO region_levels (level, name, name_en) VALUES
  (1, '县', 'County'), (2, '乡镇', 'Township'), (3, '村', 'Village'), (4, '组', 'Group');
