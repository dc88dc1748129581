SELECT id, project_id, kind, week, held_on, who, log, created_by, created_at
FROM project_cadence
WHERE project_id = $1
ORDER BY held_on DESC, id DESC
