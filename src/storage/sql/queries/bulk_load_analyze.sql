-- After a bulk load built its indexes (RegistryRepository::EndBulkLoad). SQLite plans with
-- its indexes without statistics: nothing to do.
SELECT 1
