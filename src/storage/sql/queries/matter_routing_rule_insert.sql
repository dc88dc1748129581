INSERT INTO routing_rules (id, category_id, region_path, unit_id, completion_days)
VALUES ($1, $2, $3, $4, $5)
