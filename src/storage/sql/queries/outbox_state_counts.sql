SELECT state, COUNT(*) FROM sms_outbox GROUP BY state
