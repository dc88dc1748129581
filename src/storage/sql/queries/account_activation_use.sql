UPDATE account_activations
SET used_at = $3
WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
