UPDATE users
SET username = $2, display_name = $3, role = $4, scope_region_id = $5, scope_region_path = $6,
    scope_unit_id = $7, resident_id = $8, phone = $9, password_hash = $10, active = $11
WHERE id = $1
