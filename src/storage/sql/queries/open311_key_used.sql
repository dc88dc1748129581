UPDATE open311_keys SET last_used_at = $2, request_count = request_count + 1
WHERE id = $1
