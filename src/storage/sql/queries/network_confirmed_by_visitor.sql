-- Door visits only: a phone or video visit (visits.way) never counts towards the quota.
-- As network_visited_by_visitor.sql, counting only households with a visit the household
-- confirmed (one-time phone code or its own account; the old static card code is no proof).
SELECT v.visitor_user_id, COUNT(DISTINCT v.household_id)
FROM visits v
WHERE v.region_path LIKE $1 AND v.visited_at >= $2 AND v.visited_at < $3
  AND v.way = 'in_person'
  AND v.confirmed_at IS NOT NULL AND v.confirmed_via <> 'card_code'
GROUP BY v.visitor_user_id
ORDER BY v.visitor_user_id
