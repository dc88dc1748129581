-- Partitions by month are PostgreSQL's (V062__month_partitions.postgres.sql): an embedded SQLite
-- county's tables stay as they are.
SELECT 1;
