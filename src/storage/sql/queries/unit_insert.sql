INSERT INTO units (id, name, kind, region_id, phone) VALUES ($1, $2, $3, $4, $5)
