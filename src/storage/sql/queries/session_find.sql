SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = $1
