-- The region path's histogram is PostgreSQL's
-- (V068__matters_region_statistics_per_month.postgres.sql): SQLite's planner keeps none here.
SELECT 1;
