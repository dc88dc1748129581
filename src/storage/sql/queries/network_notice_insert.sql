INSERT INTO notices (id, region_id, region_path, kind, title, body, published_by, published_at,
                     due_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
