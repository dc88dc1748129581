SELECT o.id, o.phone, o.text, o.created_at, o.matter_id, o.kind, o.params, o.state, o.attempts,
  o.next_attempt_at, o.last_error, o.sent_at, o.delivered_at, o.provider, o.provider_message_id
FROM sms_outbox o
WHERE o.state = 'queued' AND o.next_attempt_at <= $1
ORDER BY o.next_attempt_at, o.id
LIMIT $2
