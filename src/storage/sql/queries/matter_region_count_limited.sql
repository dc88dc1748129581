SELECT COUNT(*) FROM (SELECT 1 FROM matters m WHERE m.region_path LIKE $1 AND m.id >= $3 LIMIT $2) c
