INSERT INTO duty_days (unit_id, day, leader_user_id, updated_at, updated_by)
VALUES ($1, $2, $3, $4, $5)
