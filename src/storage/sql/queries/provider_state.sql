UPDATE service_providers SET state = $2, state_reason = $3, state_by = $4, state_at = $5,
                             updated_at = $5, updated_by = $4
WHERE unit_id = $1
