SELECT user_id, code_hash, issued_at, expires_at, issued_by, used_at
FROM account_activations
WHERE user_id = $1
