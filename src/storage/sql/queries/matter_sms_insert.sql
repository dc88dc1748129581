INSERT INTO sms_outbox (id, phone, text, created_at, matter_id) VALUES ($1, $2, $3, $4, $5)
