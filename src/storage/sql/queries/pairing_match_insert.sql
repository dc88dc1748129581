INSERT INTO pairing_matches (id, pair_id, need_id, resource_id, note, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
