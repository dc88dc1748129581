-- Joint handling (主办/协办): the assisting units of a matter, each with its progress and its
-- assisting report (协办意见); and disputes (争议) about which unit handles a matter, raised by a
-- unit that may no longer return it and decided by a dispatcher (domain/matter_joint.hpp).

-- Timeline events of joint handling take kinds 23 to 28 (domain/matter.hpp); the events' check
-- now admits 1 to 63, the kinds the domain may add without another rewrite. SQLite cannot alter
-- a CHECK constraint: its stored definition is rewritten as V028 rewrote the regions' (every
-- stored row satisfies the looser check; the CREATE TABLE below bumps the schema cookie, and
-- RESET makes this connection reload the schema at once).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind BETWEEN 1 AND 22)',
                                       'CHECK (kind BETWEEN 1 AND 63)')
WHERE type = 'table' AND name = 'matter_events';
PRAGMA writable_schema = RESET;

CREATE TABLE matter_assists (
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  unit_id BIGINT NOT NULL REFERENCES units (id),
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 3),
  added_by BIGINT,
  added_at BIGINT NOT NULL,
  accepted_at BIGINT,
  accepted_by BIGINT,
  reported_at BIGINT,
  reported_by BIGINT,
  report TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (matter_id, unit_id)
);
CREATE INDEX matter_assists_unit ON matter_assists (unit_id, matter_id);

CREATE TABLE matter_disputes (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  unit_id BIGINT NOT NULL REFERENCES units (id),
  raised_by BIGINT NOT NULL,
  raised_at BIGINT NOT NULL,
  reason_code TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT,
  decided_unit_id BIGINT REFERENCES units (id),
  decision TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matter_disputes_matter ON matter_disputes (matter_id, raised_at);
CREATE INDEX matter_disputes_pending ON matter_disputes (raised_at) WHERE decided_at IS NULL;
