-- Configurable region levels (issue 14): a city root (level 0, 市) may stand above the county,
-- and each deployment names its levels (县/乡镇/村/组, or 市/区/街道/社区/网格).
--
-- SQLite cannot alter a CHECK constraint. Loosening one is done by rewriting the table's stored
-- definition, the procedure SQLite documents for removing or relaxing CHECK constraints
-- (https://www.sqlite.org/lang_altertable.html#otheralter): every stored row already satisfies
-- the looser check, and the CREATE TABLE below bumps the schema cookie, so every connection
-- reloads the schema. RESET makes this connection reload it at once.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (level BETWEEN 1 AND 4)',
                                       'CHECK (level BETWEEN 0 AND 4)')
WHERE type = 'table' AND name = 'regions';
PRAGMA writable_schema = RESET;

-- One row per level in use, top first by level; the defaults are the county's four levels.
CREATE TABLE region_levels (
  level INTEGER PRIMARY KEY CHECK (level BETWEEN 0 AND 4),
  name TEXT NOT NULL,
  name_en TEXT NOT NULL
);
INSERT INTO region_levels (level, name, name_en) VALUES
  (1, '县', 'County'), (2, '乡镇', 'Township'), (3, '村', 'Village'), (4, '组', 'Group');
