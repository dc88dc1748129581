INSERT INTO service_provider_areas (unit_id, region_id) VALUES ($1, $2)
