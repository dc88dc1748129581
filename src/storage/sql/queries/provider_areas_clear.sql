DELETE FROM service_provider_areas WHERE unit_id = $1
