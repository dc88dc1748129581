INSERT INTO volunteer_hours (id, volunteer_id, activity_id, tenths, reason, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
