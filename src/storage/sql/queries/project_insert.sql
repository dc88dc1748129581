INSERT INTO projects (id, name, kind, region_id, region_path, description, state, created_by,
  created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
