INSERT INTO link_requests (id, member_id, household_id, reason, status, created_at, decided_by,
                           decided_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
