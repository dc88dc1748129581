DELETE FROM project_plans WHERE project_id = $1 AND household_id = $2
