UPDATE units SET name = $2, kind = $3, region_id = $4, phone = $5, office_hours = $6 WHERE id = $1
