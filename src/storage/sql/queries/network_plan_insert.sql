INSERT INTO network_plans (id, region_id, fingerprint, body, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6)
