SELECT s.activity_id, s.volunteer_id, s.attended, s.created_at, s.created_by, v.name
FROM volunteer_signups s
JOIN volunteers v ON v.id = s.volunteer_id
WHERE s.activity_id = $1
ORDER BY s.created_at, s.volunteer_id
