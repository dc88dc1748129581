UPDATE matter_categories
SET parent_id = $2, name = $3, keywords = $4, default_unit_id = $5, response_hours = $6,
    completion_days = $7, active = $8
WHERE id = $1
