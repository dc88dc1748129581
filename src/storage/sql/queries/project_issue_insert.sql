INSERT INTO project_issues (id, project_id, household_id, issue_class, text, owner, due_at,
  matter_id, decision_id, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
