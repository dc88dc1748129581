INSERT INTO account_activations (user_id, code_hash, issued_at, expires_at, issued_by, used_at)
VALUES ($1, $2, $3, $4, $5, NULL)
ON CONFLICT (user_id) DO UPDATE
SET code_hash = excluded.code_hash, issued_at = excluded.issued_at,
    expires_at = excluded.expires_at, issued_by = excluded.issued_by, used_at = NULL
