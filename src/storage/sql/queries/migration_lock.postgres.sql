-- Serialises concurrent migrators until the transaction ends.
SELECT CAST(pg_advisory_xact_lock(7316002) AS TEXT)
