INSERT INTO callback_tasks (id, matter_id, created_at, assigned_to, done_at, outcome)
VALUES ($1, $2, $3, $4, $5, $6)
