SELECT t.id, t.project_id, t.kind, t.resident_id, t.member_id, t.user_id,
  COALESCE(NULLIF(t.name, ''), r.name, mr.name, u.display_name, ''), t.organisation, t.phone,
  t.team_role, t.created_at
FROM project_team_members t
LEFT JOIN residents r ON r.id = t.resident_id
LEFT JOIN party_members pm ON pm.id = t.member_id
LEFT JOIN residents mr ON mr.id = pm.resident_id
LEFT JOIN users u ON u.id = t.user_id
WHERE t.project_id = $1
ORDER BY t.created_at, t.id
