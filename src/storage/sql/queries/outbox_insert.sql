INSERT INTO sms_outbox (id, phone, text, created_at, matter_id, kind, params, state, attempts,
  next_attempt_at, last_error, sent_at, delivered_at, provider, provider_message_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
