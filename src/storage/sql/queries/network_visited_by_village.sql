-- Door visits only: a phone or video visit (visits.way) never counts towards the quota.
-- Distinct households visited in [$2, $3) under the path pattern $1, per village. A household
-- in a group (组/网格, level 4) counts for the group's parent village; one directly in a village
-- (or higher) counts for its own region. The subtree filter uses the visit's copied path (the
-- visits_region_path_at index); the village comes from the household's current region.
SELECT CASE WHEN g.level = 4 THEN g.parent_id ELSE g.id END AS village_id,
       COUNT(DISTINCT v.household_id)
FROM visits v
JOIN households h ON h.id = v.household_id
JOIN regions g ON g.id = h.region_id
WHERE v.region_path LIKE $1 AND v.visited_at >= $2 AND v.visited_at < $3
  AND v.way = 'in_person'
GROUP BY CASE WHEN g.level = 4 THEN g.parent_id ELSE g.id END
ORDER BY village_id
