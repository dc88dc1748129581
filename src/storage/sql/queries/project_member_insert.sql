INSERT INTO project_team_members (id, project_id, kind, resident_id, member_id, user_id, name,
  organisation, phone, team_role, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
