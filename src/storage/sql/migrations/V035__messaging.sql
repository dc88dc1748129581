-- Messages that reach people (issue 15).
--
-- sms_outbox becomes a durable outbox: a message is written queued in the same transaction as the
-- change that causes it, and a sender thread hands it to the SMS provider. state is 'queued',
-- 'sent', 'failed' or 'delivered'; next_attempt_at is when the sender may take it (after a
-- back-off, or at 08:00 for a non-code message written in the quiet hours); attempts counts the
-- hand-overs. The row's id is the idempotency key the provider receives, so a message handed over
-- twice (a crash between sending and recording) is recognisable as one.
ALTER TABLE sms_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE sms_outbox ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sms_outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'sent';
ALTER TABLE sms_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE sms_outbox ADD COLUMN sent_at BIGINT;
ALTER TABLE sms_outbox ADD COLUMN delivered_at BIGINT;
ALTER TABLE sms_outbox ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE sms_outbox ADD COLUMN provider_message_id TEXT NOT NULL DEFAULT '';

-- The sender's work list: only queued rows, by when they are due.
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX sms_outbox_phone ON sms_outbox (phone, created_at);

-- Each hand-over and its outcome, for the administrator's view of a message.
CREATE TABLE sms_outbox_events (
  id BIGINT PRIMARY KEY,
  message_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sms_outbox_events_message ON sms_outbox_events (message_id, at);

-- In-app notifications (the message centre): one row per recipient.
CREATE TABLE notifications (
  id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  object_type TEXT NOT NULL DEFAULT '',
  object_id BIGINT,
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
