UPDATE callback_tasks
SET matter_id = $2, created_at = $3, assigned_to = $4, done_at = $5, outcome = $6
WHERE id = $1
