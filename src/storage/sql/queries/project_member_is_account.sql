SELECT COUNT(*) FROM project_team_members WHERE project_id = $1 AND user_id = $2
