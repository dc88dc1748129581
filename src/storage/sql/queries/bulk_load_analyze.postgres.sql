-- After a bulk load built its indexes (RegistryRepository::EndBulkLoad): without statistics of
-- the tables that grew from nothing, the planner reads each household's residents by scanning
-- the whole table (measured: 1M households' look-up rows took 9 minutes instead of seconds).
-- ANALYZE samples the transaction's own rows.
ANALYZE households, residents
