INSERT INTO households (id, region_id, region_path, number, address, lat, lng, tags, created_at,
                        updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
