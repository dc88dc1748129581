UPDATE matter_requests
SET state = $2, old_due_at = $3, new_due_at = $4, decided_by = $5, decided_by_name = $6,
    decided_at = $7, decision_note = $8
WHERE id = $1
