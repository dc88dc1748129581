SELECT c.visit_id, c.code_hash, c.expires_at, c.attempts
FROM visit_phone_codes c
WHERE c.visit_id = $1
