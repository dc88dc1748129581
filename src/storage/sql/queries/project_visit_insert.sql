INSERT INTO project_visits (visit_id, project_id, household_id, linked_at) VALUES ($1, $2, $3, $4)
