-- The indexes a look-up with many matches reads its page through are PostgreSQL's
-- (V069__household_lookup_by_rank.postgres.sql): SQLite ranks every match in one scan.
SELECT 1;
