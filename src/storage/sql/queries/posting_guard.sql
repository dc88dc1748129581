INSERT INTO posting_guards (region_id, role, version) VALUES ($1, $2, 1)
ON CONFLICT (region_id, role) DO UPDATE SET version = posting_guards.version + 1
