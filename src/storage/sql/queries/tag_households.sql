-- Tagged households per bottom-level region and tag set, with their residents.
SELECT h.region_path, h.tags, COUNT(*),
       CAST(COALESCE(SUM((SELECT COUNT(*) FROM residents r WHERE r.household_id = h.id)), 0)
            AS BIGINT)
FROM households h
WHERE h.tags <> '' AND h.region_path LIKE $1
GROUP BY h.region_path, h.tags
