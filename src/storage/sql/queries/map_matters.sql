-- A matter's own coordinates when it has both, else its household's.
SELECT m.region_path,
       CASE WHEN m.lat IS NOT NULL AND m.lng IS NOT NULL THEN m.lat ELSE h.lat END,
       CASE WHEN m.lat IS NOT NULL AND m.lng IS NOT NULL THEN m.lng ELSE h.lng END,
       COALESCE(m.category_id, 0), m.status
FROM matters m LEFT JOIN households h ON h.id = m.household_id
