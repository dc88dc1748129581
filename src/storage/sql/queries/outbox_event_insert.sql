INSERT INTO sms_outbox_events (id, message_id, at, outcome, detail) VALUES ($1, $2, $3, $4, $5)
