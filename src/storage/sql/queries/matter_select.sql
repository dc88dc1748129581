SELECT m.id, m.number, m.type, m.category_id, COALESCE(c.name, '') AS category_name, m.channel,
       m.urgency, m.status, m.household_id, m.resident_id, m.caller_name, m.caller_phone,
       m.region_id, m.region_path, COALESCE(g.name, '') AS region_name, m.title, m.content,
       m.address, m.lat, m.lng, m.accepted_by, m.accepted_at, m.unit_id,
       COALESCE(u.name, '') AS unit_name, m.handler_id, m.first_unit_id, m.response_due_at,
       m.due_at, m.responded_at, m.replied_at, m.closed_at, m.reply, m.escalation_level,
       m.supervised, m.merged_into_id, m.public_token, m.solved, m.rating, m.rating_comment,
       m.confirmed_via, m.reopen_count, m.updated_at,
       (SELECT COUNT(*) FROM matter_requests q
        WHERE q.matter_id = m.id AND q.kind = 1 AND q.state = 2) AS extension_count,
       COALESCE((SELECT MAX(q.outcome) FROM matter_requests q
                 WHERE q.matter_id = m.id AND q.kind = 2 AND q.state = 2), '') AS outcome,
       (SELECT COUNT(*) FROM matter_requests q
        WHERE q.matter_id = m.id AND q.state = 1 AND q.kind = 1) AS extension_pending,
       (SELECT COUNT(*) FROM matter_requests q
        WHERE q.matter_id = m.id AND q.state = 1 AND q.kind = 2) AS outcome_pending
FROM matters m
LEFT JOIN matter_categories c ON c.id = m.category_id
LEFT JOIN regions g ON g.id = m.region_id
LEFT JOIN units u ON u.id = m.unit_id
