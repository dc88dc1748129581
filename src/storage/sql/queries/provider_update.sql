UPDATE service_providers SET commitments = $2, joined = $3, updated_at = $4, updated_by = $5
WHERE unit_id = $1
