-- Matter search by substring (issue 13): the normalised search document of each matter
-- (domain::MatterSearchDocument) and, for candidates, an FTS5 index of its unigram and bigram
-- tokens (domain::SearchDocumentTokens: ASCII words, so the 'ascii' tokenizer keeps them whole).
-- detail=none keeps posting lists only; content='' stores no copy of the tokens, so an update
-- deletes the old tokens with the 'delete' command, recomputed from the old document.
-- The rows are written by the application: search_index_state records the version of the rules
-- that built the index, and opening a store whose version differs rebuilds it
-- (storage::RebuildSearchIndexIfStale), which this migration's empty tables always trigger.
DROP TABLE matter_search;
CREATE TABLE matter_search_text (
  matter_id INTEGER PRIMARY KEY REFERENCES matters (id),
  text TEXT NOT NULL
);
CREATE VIRTUAL TABLE matter_search_tokens USING fts5(
  tokens, tokenize = 'ascii', content = '', detail = none
);
CREATE TABLE search_index_state (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
