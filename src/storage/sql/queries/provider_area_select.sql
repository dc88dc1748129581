SELECT a.unit_id, a.region_id, r.path, r.name
FROM service_provider_areas a
JOIN regions r ON r.id = a.region_id
