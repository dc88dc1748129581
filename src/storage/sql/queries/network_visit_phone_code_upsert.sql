INSERT INTO visit_phone_codes (visit_id, code_hash, expires_at, attempts) VALUES ($1, $2, $3, $4)
ON CONFLICT (visit_id) DO UPDATE
SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = excluded.attempts
