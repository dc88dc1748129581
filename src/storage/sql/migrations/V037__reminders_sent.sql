-- Reminders that come from the calendar (app/reminders.hpp): a notice due within 2 days and not
-- yet delivered to some households (kind 'notice_due', object_id the notice, recipient
-- 'member:<party member id>'), an appointment tomorrow (kind 'appointment_tomorrow', object_id the
-- appointment, recipient ''). A row is written in the same transaction as the reminder's
-- notifications, so the job that runs every minute reminds each once.
CREATE TABLE reminders_sent (
  kind TEXT NOT NULL,
  object_id BIGINT NOT NULL,
  recipient TEXT NOT NULL DEFAULT '',
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (kind, object_id, recipient)
);

-- What the job reads each minute: notices by due time, slots by day.
CREATE INDEX notices_due ON notices (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX time_slots_date ON time_slots (date);
