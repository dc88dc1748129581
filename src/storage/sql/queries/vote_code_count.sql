SELECT COUNT(*), COALESCE(SUM(used), 0) FROM vote_codes WHERE session_id = $1
