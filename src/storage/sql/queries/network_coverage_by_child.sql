-- Coverage of each child region of $1 over its subtree; $2 is the parent's path pattern.
-- Households and members are first grouped by their region path (one index range under the
-- parent, a few thousand groups for a county), and only those groups are matched against each
-- child's path prefix: the join never touches single households.
WITH hh AS (
  SELECT h.region_path AS path, COUNT(*) AS households, COUNT(l.id) AS covered
  FROM households h
  LEFT JOIN contact_links l ON l.household_id = h.id
  WHERE h.region_path LIKE $2
  GROUP BY h.region_path
), mm AS (
  SELECT m.region_path AS path, COUNT(*) AS members,
         SUM(CASE WHEN EXISTS (SELECT 1 FROM contact_links l WHERE l.member_id = m.id)
                  THEN 1 ELSE 0 END) AS involved,
         SUM(CASE WHEN m.can_take_households = 1 AND m.away = 0 THEN 1 ELSE 0 END) AS able
  FROM party_members m
  WHERE m.region_path LIKE $2
  GROUP BY m.region_path
)
SELECT c.id, c.name,
       CAST(COALESCE(hs.households, 0) AS BIGINT), CAST(COALESCE(hs.covered, 0) AS BIGINT),
       CAST(COALESCE(ms.members, 0) AS BIGINT), CAST(COALESCE(ms.involved, 0) AS BIGINT),
       CAST(COALESCE(ms.able, 0) AS BIGINT)
FROM regions c
LEFT JOIN (
  SELECT c2.id AS region_id, SUM(hh.households) AS households, SUM(hh.covered) AS covered
  FROM regions c2 JOIN hh ON hh.path LIKE c2.path || '%'
  WHERE c2.parent_id = $1
  GROUP BY c2.id
) hs ON hs.region_id = c.id
LEFT JOIN (
  SELECT c2.id AS region_id, SUM(mm.members) AS members, SUM(mm.involved) AS involved,
         SUM(mm.able) AS able
  FROM regions c2 JOIN mm ON mm.path LIKE c2.path || '%'
  WHERE c2.parent_id = $1
  GROUP BY c2.id
) ms ON ms.region_id = c.id
WHERE c.parent_id = $1
ORDER BY c.code, c.name, c.id
