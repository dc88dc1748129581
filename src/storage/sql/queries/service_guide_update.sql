UPDATE service_guides SET title = $2, materials = $3, steps = $4, place = $5, window_name = $6,
  fees = $7, office_hours = $8, phone = $9, published = $10, updated_at = $11, updated_by = $12
WHERE id = $1
