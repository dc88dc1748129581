INSERT INTO project_plans (project_id, household_id, needs, measures, owner, status, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
