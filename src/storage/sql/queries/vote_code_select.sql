SELECT session_id, used FROM vote_codes WHERE code_hash = $1
