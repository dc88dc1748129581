-- When a bulk load begins (RegistryRepository::BeginBulkLoad). The server's memory is its own
-- (shared_buffers): nothing to set.
SELECT 1
