SELECT reason, refused FROM vote_refusals WHERE session_id = $1 ORDER BY reason
