INSERT INTO service_guides (id, category_id, region_id, title, materials, steps, place,
                            window_name, fees, office_hours, phone, published, updated_at,
                            updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
