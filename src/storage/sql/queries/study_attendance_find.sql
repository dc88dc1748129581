SELECT s.activity_id, s.member_id, s.note, s.made_up, s.recorded_by, s.recorded_at, r.name,
       m.away, COALESCE(CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.username END, '')
FROM study_attendance s
JOIN party_members m ON m.id = s.member_id
JOIN residents r ON r.id = m.resident_id
LEFT JOIN users u ON u.id = s.recorded_by
WHERE s.activity_id = $1 AND s.member_id = $2
