SELECT h.id, h.region_id, h.region_path, g.name, h.number, h.address, h.lat, h.lng, h.tags,
       h.created_at, h.updated_at,
       COALESCE((SELECT r.name FROM residents r
                 WHERE r.household_id = h.id AND r.relation = '户主'
                 ORDER BY r.id LIMIT 1), '') AS head_name,
       (SELECT COUNT(*) FROM residents r WHERE r.household_id = h.id) AS member_count
FROM households h JOIN regions g ON g.id = h.region_id
