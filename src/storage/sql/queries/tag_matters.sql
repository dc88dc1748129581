-- Matters accepted in [$2, $3] of tagged households under $1, by the household's region and tag
-- set and the matter's status; duplicates merged into another matter (status 6) left out.
SELECT h.region_path, h.tags, m.status, COUNT(*)
FROM matters m JOIN households h ON h.id = m.household_id
WHERE h.tags <> '' AND h.region_path LIKE $1 AND m.accepted_at BETWEEN $2 AND $3
  AND m.status <> 6
GROUP BY h.region_path, h.tags, m.status
