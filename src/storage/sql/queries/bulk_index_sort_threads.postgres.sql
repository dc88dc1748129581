-- Before a bulk load builds its indexes again: the server already sorts an index in parallel
-- workers (max_parallel_maintenance_workers): nothing to do.
SELECT 1
