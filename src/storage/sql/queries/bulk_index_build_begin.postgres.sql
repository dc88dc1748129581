-- Before a bulk load builds its indexes again (RegistryRepository::EndBulkLoad): the server
-- sorts each index in this much memory (its own, not the importing process's), for this
-- transaction only.
SET LOCAL maintenance_work_mem = '256MB'
