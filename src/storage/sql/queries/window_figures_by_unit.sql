SELECT s.unit_id, COALESCE(un.name, ''), COUNT(*), CAST(SUM(r.stars) AS BIGINT),
  CAST(SUM(CASE WHEN r.stars <= 2 THEN 1 ELSE 0 END) AS BIGINT)
FROM window_ratings r
JOIN window_services s ON s.id = r.service_id
LEFT JOIN units un ON un.id = s.unit_id
WHERE s.region_path LIKE $1 AND r.rated_at >= $2 AND r.rated_at < $3
GROUP BY s.unit_id, un.name
ORDER BY COUNT(*) DESC, s.unit_id
