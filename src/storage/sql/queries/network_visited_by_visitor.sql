-- Door visits only: a phone or video visit (visits.way) never counts towards the quota.
SELECT v.visitor_user_id, COUNT(DISTINCT v.household_id)
FROM visits v
WHERE v.region_path LIKE $1 AND v.visited_at >= $2 AND v.visited_at < $3
  AND v.way = 'in_person'
GROUP BY v.visitor_user_id
ORDER BY v.visitor_user_id
