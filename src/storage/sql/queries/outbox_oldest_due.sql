SELECT MIN(created_at) FROM sms_outbox WHERE state = 'queued' AND next_attempt_at <= $1
