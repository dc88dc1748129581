-- A pinyin or initials look-up finds its households through the residents' indexes instead of
-- the look-up pieces (storage/lookup_index.hpp, LookupPiecesVector): a pinyin or initials match
-- is always a member's value that starts with the query, a range of those indexes. Their letter
-- pairs were a quarter of a row's pieces and the GIN index's longest posting lists: a county
-- leader's "wangwei" read 5,144 candidates for 110 matches (111 ms at 2M households).

-- The two indexes also hold the region, so that a region's look-up keeps its own residents
-- without reading the table (an index-only scan).
DROP INDEX IF EXISTS residents_pinyin;
CREATE INDEX residents_pinyin ON residents (pinyin_key text_pattern_ops)
  INCLUDE (household_id, region_path);
DROP INDEX IF EXISTS residents_initials;
CREATE INDEX residents_initials ON residents (initials text_pattern_ops)
  INCLUDE (household_id, region_path);

-- The rows lose the pieces that only their pinyins and initials held: a piece of any other
-- look-up column is a substring of it (a pair of code points, a code point, four digits). The
-- index is dropped here and built again by V071, in a transaction of its own: built in this one,
-- it would also index every row's old version (876 MB instead of about 400 at 2M households).
DROP INDEX household_lookup_pieces;
UPDATE household_lookup x
SET pieces = ts_delete(x.pieces, ARRAY(
  SELECT u.lexeme FROM unnest(x.pieces) u
  WHERE (strpos(x.pinyins, u.lexeme) > 0 OR strpos(x.initials, u.lexeme) > 0)
    AND strpos(x.number_key, u.lexeme) = 0 AND strpos(x.address_key, u.lexeme) = 0
    AND strpos(x.names, u.lexeme) = 0 AND strpos(x.phones, u.lexeme) = 0
    AND strpos(x.id_cards, u.lexeme) = 0))
WHERE x.pinyins <> '' OR x.initials <> '';
