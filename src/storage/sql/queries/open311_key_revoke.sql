UPDATE open311_keys SET revoked_at = $2, revoked_by = $3
WHERE id = $1 AND revoked_at IS NULL
