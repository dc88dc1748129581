-- Extension requests and honest outcomes add the matter status 7 parked (已挂账) and the event
-- kinds 17-22 (extension_requested, extension_approved, extension_refused, outcome_proposed,
-- outcome_approved, outcome_refused).
ALTER TABLE matters DROP CONSTRAINT matters_status_check;
ALTER TABLE matters ADD CONSTRAINT matters_status_check CHECK (status BETWEEN 1 AND 7);
ALTER TABLE matter_events DROP CONSTRAINT matter_events_kind_check;
ALTER TABLE matter_events ADD CONSTRAINT matter_events_kind_check CHECK (kind BETWEEN 1 AND 22);

-- Requests a handling unit makes on a matter and someone else decides (domain/matter_requests.hpp):
-- more time (延期申请, kind 1) and an honest outcome (办结类型, kind 2: parked 挂账, unfounded 不属实,
-- out_of_scope 不属于受理范围). state: 1 pending, 2 approved, 3 refused. At most one pending
-- request of each kind per matter.
CREATE TABLE matter_requests (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  kind INTEGER NOT NULL,
  state INTEGER NOT NULL,
  unit_id BIGINT,
  requested_by BIGINT NOT NULL,
  requested_by_name TEXT NOT NULL DEFAULT '',
  requested_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  old_due_at BIGINT NOT NULL DEFAULT 0,
  new_due_at BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  plan TEXT NOT NULL DEFAULT '',
  planned_date TEXT NOT NULL DEFAULT '',
  decided_by BIGINT,
  decided_by_name TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matter_requests_matter ON matter_requests (matter_id, requested_at);
CREATE UNIQUE INDEX matter_requests_one_pending ON matter_requests (matter_id, kind)
  WHERE state = 1;
CREATE INDEX matter_requests_state ON matter_requests (state, kind, matter_id);

-- Approved extensions and approved exclusions, per cell and day (domain::RateCounters).
ALTER TABLE matter_stats ADD COLUMN extended BIGINT NOT NULL DEFAULT 0;
ALTER TABLE matter_stats ADD COLUMN excluded BIGINT NOT NULL DEFAULT 0;
