UPDATE sms_outbox SET state = $2, attempts = $3, next_attempt_at = $4, last_error = $5,
  sent_at = $6, delivered_at = $7, provider = $8, provider_message_id = $9
WHERE id = $1
