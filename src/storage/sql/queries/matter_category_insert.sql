INSERT INTO matter_categories (id, parent_id, name, keywords, default_unit_id, response_hours,
                               completion_days, active)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
