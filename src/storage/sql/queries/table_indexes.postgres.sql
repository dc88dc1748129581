-- The indexes of table $1 that a bulk load may drop and build again (RegistryRepository::
-- BeginBulkLoad): their names and CREATE statements, without the ones behind a PRIMARY KEY or
-- UNIQUE constraint, which stay.
SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = current_schema() AND i.tablename = $1
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
ORDER BY i.indexname
