INSERT INTO matter_search_tokens (rowid, tokens) VALUES ($1, $2)
