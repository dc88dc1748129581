INSERT INTO service_provider_categories (unit_id, category_id) VALUES ($1, $2)
