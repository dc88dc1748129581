INSERT INTO reminders_sent (kind, object_id, recipient, sent_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (kind, object_id, recipient) DO NOTHING
