-- Door visits only: a phone or video visit (visits.way) never counts towards the quota.
-- As network_visited_by_village.sql, counting only households with a visit the household
-- confirmed (one-time phone code or its own account; the old static card code is no proof).
SELECT CASE WHEN g.level = 4 THEN g.parent_id ELSE g.id END AS village_id,
       COUNT(DISTINCT v.household_id)
FROM visits v
JOIN households h ON h.id = v.household_id
JOIN regions g ON g.id = h.region_id
WHERE v.region_path LIKE $1 AND v.visited_at >= $2 AND v.visited_at < $3
  AND v.way = 'in_person'
  AND v.confirmed_at IS NOT NULL AND v.confirmed_via <> 'card_code'
GROUP BY CASE WHEN g.level = 4 THEN g.parent_id ELSE g.id END
ORDER BY village_id
