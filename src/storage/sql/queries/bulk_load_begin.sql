-- When a bulk load begins (RegistryRepository::BeginBulkLoad). Its inserts append to tables
-- whose secondary indexes are dropped, so they need few pages in the cache: with 16 MB instead
-- of the connection's 64 MB a 1M-household import took 24.0-24.4 s against 24.7 s and its peak
-- memory was 227-232 MiB against 268-275. bulk_index_build_begin.sql sets the cache for the
-- index builds and bulk_index_build_end.sql back to the connection's.
PRAGMA cache_size = -16384
