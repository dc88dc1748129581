INSERT INTO pairing_needs (id, pair_id, title, kind, detail, state, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
