UPDATE households
SET region_id = $2, region_path = $3, number = $4, address = $5, lat = $6, lng = $7, tags = $8,
    updated_at = $9
WHERE id = $1
