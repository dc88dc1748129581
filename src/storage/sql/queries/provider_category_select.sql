SELECT c.unit_id, c.category_id FROM service_provider_categories c
