-- Diary entries (民情日记) made in [$2, $3] to tagged households under $1; a correction is a
-- second entry naming the first, so only first entries are counted.
SELECT h.region_path, h.tags, COUNT(*)
FROM visits v JOIN households h ON h.id = v.household_id
WHERE h.tags <> '' AND h.region_path LIKE $1 AND v.visited_at BETWEEN $2 AND $3
  AND v.corrects_id IS NULL
GROUP BY h.region_path, h.tags
