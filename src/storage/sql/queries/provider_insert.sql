INSERT INTO service_providers (unit_id, commitments, joined, state, state_reason, state_by,
                               state_at, created_at, created_by, updated_at, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9)
