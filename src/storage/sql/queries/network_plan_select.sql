SELECT p.id, p.region_id, p.fingerprint, p.body, p.created_at, p.expires_at
FROM network_plans p
WHERE p.id = $1
