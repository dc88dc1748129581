-- The indexes of table $1 that a bulk load may drop and build again (RegistryRepository::
-- BeginBulkLoad): their names and CREATE statements. The ones behind a PRIMARY KEY or UNIQUE
-- constraint have no statement (sql IS NULL) and stay.
SELECT name, sql FROM sqlite_master
WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL
ORDER BY name
