SELECT t.id, t.matter_id, t.created_at, t.assigned_to, t.done_at, t.outcome, m.number, m.title,
       COALESCE(u.name, '') AS unit_name
FROM callback_tasks t JOIN matters m ON m.id = t.matter_id
LEFT JOIN units u ON u.id = m.unit_id
