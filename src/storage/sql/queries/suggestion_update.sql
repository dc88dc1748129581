UPDATE suggestions SET status = $2, note = $3, handled_by = $4, handled_at = $5
WHERE id = $1
