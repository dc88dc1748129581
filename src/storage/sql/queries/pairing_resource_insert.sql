INSERT INTO pairing_resources (id, pair_id, kind, description, state, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
