-- Matter search by substring (issue 13): the normalised search document of each matter
-- (domain::MatterSearchDocument) and its unigram and bigram tokens
-- (domain::SearchDocumentTokens) as a tsvector without positions (array_to_tsvector), under a
-- GIN index for candidates. The rows are written by the application: search_index_state records
-- the version of the rules that built the index, and opening a store whose version differs
-- rebuilds it (storage::RebuildSearchIndexIfStale), which this migration's empty tables always
-- trigger.
DROP TABLE matter_search;
CREATE TABLE matter_search_text (
  matter_id BIGINT PRIMARY KEY REFERENCES matters (id),
  text TEXT NOT NULL,
  tokens TSVECTOR NOT NULL
);
CREATE INDEX matter_search_text_tokens ON matter_search_text USING GIN (tokens);
CREATE TABLE search_index_state (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
