SELECT t.id, t.matter_id, t.created_at, t.assigned_to, t.done_at, t.outcome
FROM callback_tasks t JOIN matters m ON m.id = t.matter_id
