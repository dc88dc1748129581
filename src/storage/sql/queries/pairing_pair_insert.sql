INSERT INTO pairing_pairs (id, unit_id, region_id, region_path, from_date, to_date, note,
                           created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
