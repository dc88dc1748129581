SELECT t.id, t.name, t.region_id, t.region_path, t.leader_user_id, t.unit_id, t.note, t.created_at,
       r.name, COALESCE(CASE WHEN u.display_name = '' THEN u.username ELSE u.display_name END, ''),
       COALESCE(n.name, '')
FROM volunteer_teams t
JOIN regions r ON r.id = t.region_id
LEFT JOIN users u ON u.id = t.leader_user_id
LEFT JOIN units n ON n.id = t.unit_id
