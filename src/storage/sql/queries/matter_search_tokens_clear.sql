INSERT INTO matter_search_tokens (matter_search_tokens) VALUES ('delete-all')
