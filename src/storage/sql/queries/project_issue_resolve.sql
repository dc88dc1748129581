UPDATE project_issues SET matter_id = $2, decision_id = $3, updated_at = $4 WHERE id = $1
