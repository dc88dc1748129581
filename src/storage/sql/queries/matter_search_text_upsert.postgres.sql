INSERT INTO matter_search_text (matter_id, text, tokens)
VALUES ($1, $2, array_to_tsvector(string_to_array($3, ' ')))
ON CONFLICT (matter_id) DO UPDATE SET text = excluded.text, tokens = excluded.tokens
