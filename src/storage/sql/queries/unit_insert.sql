INSERT INTO units (id, name, kind, region_id, phone, office_hours) VALUES ($1, $2, $3, $4, $5, $6)
