-- The look-up pieces and the indexes a look-up reads its pinyin matches through are
-- PostgreSQL's (V070__lookup_pinyin_through_residents.postgres.sql): SQLite ranks every match in
-- one scan of the look-up table.
SELECT 1;
