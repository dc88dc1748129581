SELECT p.id, p.name, p.kind, p.region_id, p.region_path, COALESCE(r.name, ''), p.description,
  p.state, p.created_by, p.created_at, p.updated_at
FROM projects p
LEFT JOIN regions r ON r.id = p.region_id
