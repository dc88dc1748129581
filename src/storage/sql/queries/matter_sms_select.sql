SELECT s.id, s.phone, s.text, s.created_at, s.matter_id
FROM sms_outbox s
ORDER BY s.created_at DESC, s.id DESC
LIMIT $1 OFFSET $2
