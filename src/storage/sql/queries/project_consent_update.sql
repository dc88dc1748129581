UPDATE project_households SET consent = $3, consent_visit_id = $4, consent_at = $5
WHERE project_id = $1 AND household_id = $2
