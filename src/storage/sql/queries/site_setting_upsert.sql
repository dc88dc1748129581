INSERT INTO site_settings (name, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
  updated_by = excluded.updated_by
