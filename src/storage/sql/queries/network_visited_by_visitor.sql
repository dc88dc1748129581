SELECT v.visitor_user_id, COUNT(DISTINCT v.household_id)
FROM visits v
WHERE v.region_path LIKE $1 AND v.visited_at >= $2 AND v.visited_at < $3
GROUP BY v.visitor_user_id
ORDER BY v.visitor_user_id
