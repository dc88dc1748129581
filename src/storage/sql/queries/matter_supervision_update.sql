UPDATE supervision_orders
SET matter_id = $2, issued_by = $3, note = $4, issued_at = $5, due_at = $6, done_at = $7
WHERE id = $1
