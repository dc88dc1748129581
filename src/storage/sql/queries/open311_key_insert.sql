INSERT INTO open311_keys (id, name, prefix, key_hash, owner_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
