-- Serialises index rebuilds (storage/search_index.hpp) until the transaction ends.
SELECT CAST(pg_advisory_xact_lock(7713013) AS TEXT)
