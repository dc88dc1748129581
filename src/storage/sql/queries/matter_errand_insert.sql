INSERT INTO proxy_errands (id, matter_id, household_id, assistant_id, purpose, status, created_at,
                           updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
