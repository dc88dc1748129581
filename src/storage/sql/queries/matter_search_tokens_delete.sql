INSERT INTO matter_search_tokens (matter_search_tokens, rowid, tokens) VALUES ('delete', $1, $2)
