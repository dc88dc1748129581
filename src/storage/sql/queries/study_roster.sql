-- Every member under the activity's region pattern $2 with their attendance of activity $1 (the
-- attendance columns NULL when none), away members first.
SELECT m.id, r.name, m.away, s.note, s.made_up, s.recorded_by, s.recorded_at,
       COALESCE(CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.username END, '')
FROM party_members m
JOIN residents r ON r.id = m.resident_id
LEFT JOIN study_attendance s ON s.activity_id = $1 AND s.member_id = m.id
LEFT JOIN users u ON u.id = s.recorded_by
WHERE m.region_path LIKE $2
ORDER BY m.away DESC, r.name, m.id
