INSERT INTO matter_search_text (matter_id, text) VALUES ($1, $2)
ON CONFLICT (matter_id) DO UPDATE SET text = excluded.text
