-- Two residents' indexes that no query needs, each a full sort of the table when a county's first
-- roster builds its indexes (about 2.5 s each for 3.2M residents): residents_id_card duplicates
-- residents_id_card_unique, which answers a look-up by ID-card number when the query says
-- `id_card <> ''` as the index does (FindResidentByIdCard); no query compares or sorts by the
-- name alone (lists sort by pinyin_key, and a name is searched as a substring).
DROP INDEX residents_id_card;
DROP INDEX residents_name;
