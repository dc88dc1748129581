INSERT INTO project_households (project_id, household_id, consent, consent_visit_id, consent_at,
  added_at)
VALUES ($1, $2, $3, $4, $5, $6)
