SELECT h.id, h.volunteer_id, h.activity_id, h.tenths, h.reason, h.created_at, h.created_by,
       COALESCE(a.title, ''), COALESCE(a.activity_date, '')
FROM volunteer_hours h
LEFT JOIN volunteer_activities a ON a.id = h.activity_id
WHERE h.volunteer_id = $1
ORDER BY h.created_at, h.id
