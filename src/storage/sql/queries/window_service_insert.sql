INSERT INTO window_services (id, token, service_key, kind, clerk_id, unit_id, region_path,
  matter_id, appointment_id, served_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
