SELECT j.id, j.pair_id, j.title, j.description, j.state, j.project_id, j.created_at, j.updated_at
FROM pairing_projects j
