-- Shared state of several server processes on one database (issue 19, item 1).
-- Previewed 1+10 network plans (NetworkService::Preview and the repair after a member's status
-- changes), kept until applied or expired, so that any server process of a deployment applies a
-- plan another one previewed. `body` holds the plan's diff as NetworkService encodes it (ids and
-- kinds only, no personal data); `fingerprint` is the village's input when it was previewed.
CREATE TABLE network_plans (
  id TEXT PRIMARY KEY,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  fingerprint TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX network_plans_expires ON network_plans (expires_at);

-- Jobs that run once in a deployment however many server processes it has (escalation and
-- reminders, the audit chain head, the monthly report): a process runs one while it holds its
-- lease, which it renews each round and another process takes over once it has expired.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
