SELECT id, message_id, at, outcome, detail FROM sms_outbox_events
WHERE message_id = $1
ORDER BY at, id
