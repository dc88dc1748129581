-- Full-text search over matters. The indexed text has a space between CJK characters
-- (domain::SpaceCjk), so unicode61 makes each character a token and a query word becomes a
-- phrase of its characters: 1- and 2-character words match, unlike with the trigram tokenizer.
-- The rowid is the matter id.
CREATE VIRTUAL TABLE matter_search USING fts5(text, tokenize = 'unicode61');
