DELETE FROM service_provider_categories WHERE unit_id = $1
