INSERT INTO vote_codes (code_hash, session_id, used) VALUES ($1, $2, 0)
