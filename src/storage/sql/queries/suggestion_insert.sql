INSERT INTO suggestions (id, unit_id, region_path, content, contact, status, note, handled_by,
  handled_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
