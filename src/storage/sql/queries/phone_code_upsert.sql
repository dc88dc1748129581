INSERT INTO phone_codes (phone, purpose, code_hash, card_code, created_at, expires_at, attempts)
VALUES ($1, $2, $3, $4, $5, $6, 0)
ON CONFLICT (phone, purpose) DO UPDATE
SET code_hash = excluded.code_hash, card_code = excluded.card_code,
    created_at = excluded.created_at, expires_at = excluded.expires_at, attempts = 0
