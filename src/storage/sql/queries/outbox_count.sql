SELECT COUNT(*) FROM sms_outbox o
