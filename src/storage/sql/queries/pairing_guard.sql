INSERT INTO pairing_guards (unit_id, region_id, version) VALUES ($1, $2, 1)
ON CONFLICT (unit_id, region_id) DO UPDATE SET version = pairing_guards.version + 1
