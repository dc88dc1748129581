-- Archiving matters is PostgreSQL's (V067__matter_archive.postgres.sql): SQLite partitions
-- nothing and keeps every matter in its one table.
SELECT 1;
