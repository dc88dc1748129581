-- A finer histogram of the matters' region path is PostgreSQL's
-- (V066__matters_region_statistics.postgres.sql): SQLite's planner keeps no histogram here.
SELECT 1;
