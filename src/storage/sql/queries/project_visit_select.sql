SELECT visit_id, project_id, household_id, linked_at FROM project_visits WHERE visit_id = $1
