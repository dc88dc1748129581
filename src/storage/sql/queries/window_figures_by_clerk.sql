SELECT s.clerk_id, COALESCE(u.display_name, ''), COUNT(*), CAST(SUM(r.stars) AS BIGINT),
  CAST(SUM(CASE WHEN r.stars <= 2 THEN 1 ELSE 0 END) AS BIGINT)
FROM window_ratings r
JOIN window_services s ON s.id = r.service_id
JOIN users u ON u.id = s.clerk_id
WHERE s.region_path LIKE $1 AND r.rated_at >= $2 AND r.rated_at < $3
GROUP BY s.clerk_id, u.display_name
ORDER BY COUNT(*) DESC, s.clerk_id
