SELECT s.id, s.matter_id, s.issued_by, s.note, s.issued_at, s.due_at, s.done_at
FROM supervision_orders s
WHERE s.matter_id = $1
ORDER BY s.issued_at, s.id
