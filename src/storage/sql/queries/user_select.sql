SELECT u.id, u.username, u.display_name, u.role, u.scope_region_id, u.scope_region_path,
       u.scope_unit_id, u.resident_id, u.phone, u.password_hash, u.active, u.created_at
FROM users u
