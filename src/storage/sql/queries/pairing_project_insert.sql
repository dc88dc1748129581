INSERT INTO pairing_projects (id, pair_id, title, description, state, project_id, created_at,
                              updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
