INSERT INTO project_cadence (id, project_id, kind, week, held_on, who, log, created_by,
  created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
