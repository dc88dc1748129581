INSERT INTO volunteer_signups (activity_id, volunteer_id, attended, created_at, created_by)
VALUES ($1, $2, 0, $3, $4)
