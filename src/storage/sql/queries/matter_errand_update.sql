UPDATE proxy_errands
SET matter_id = $2, household_id = $3, assistant_id = $4, purpose = $5, status = $6,
    created_at = $7, updated_at = $8
WHERE id = $1
