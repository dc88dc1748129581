SELECT v.id, v.team_id, v.resident_id, v.name, v.phone, v.joined, v.active, v.created_at,
       COALESCE((SELECT SUM(h.tenths) FROM volunteer_hours h WHERE h.volunteer_id = v.id), 0)
FROM volunteers v
