INSERT INTO users (id, username, display_name, role, scope_region_id, scope_region_path,
                   scope_unit_id, resident_id, phone, password_hash, active, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
