-- Full-text search over matters. The indexed text has a space between CJK characters
-- (domain::SpaceCjk), so the 'simple' configuration makes each character a lexeme and a query
-- word becomes phraseto_tsquery of its characters: 1- and 2-character words match, unlike pg_trgm.
CREATE TABLE matter_search (
  matter_id BIGINT PRIMARY KEY REFERENCES matters (id),
  tsv TSVECTOR NOT NULL
);
CREATE INDEX matter_search_tsv ON matter_search USING GIN (tsv);
