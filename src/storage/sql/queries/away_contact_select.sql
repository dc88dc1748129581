SELECT c.id, c.member_id, c.region_path, c.contact_date, c.way, c.contact_by, c.note,
       c.recorded_by, c.recorded_at,
       COALESCE(CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.username END, '')
FROM away_contacts c
LEFT JOIN users u ON u.id = c.recorded_by
WHERE c.member_id = $1
ORDER BY c.contact_date DESC, c.recorded_at DESC, c.id DESC
