-- Postings (驻村/包村, issue 16): an account posted to a village or community (region_id, with its
-- path for scope filters) in one role (domain/posting.hpp: village_affairs_assistant,
-- first_secretary, resident_team_member, contact_cadre, campaign_team_member), from and to (China
-- dates 'YYYY-MM-DD', both inclusive; to NULL while open), in a team (free text). Nothing is
-- deleted: ending a posting sets to_date, ended_at and ended_by.
CREATE TABLE postings (
  id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  home_unit TEXT NOT NULL DEFAULT '',
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT NOT NULL DEFAULT '',
  from_date TEXT NOT NULL,
  to_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  ended_at BIGINT,
  ended_by BIGINT,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX postings_region ON postings (region_id, role, from_date);
CREATE INDEX postings_path ON postings (region_path);
CREATE INDEX postings_user ON postings (user_id, from_date);

-- One row per (village, role) that has ever had a posting: a write transaction that creates or
-- ends a posting first bumps this row, so two of them for the same village and role run one
-- after the other and the overlap check of the second sees the first (PostgreSQL's READ
-- COMMITTED would otherwise let both pass).
CREATE TABLE posting_guards (
  region_id BIGINT NOT NULL,
  role TEXT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (region_id, role)
);

-- Target-responsibility agreements (目标责任书): one per posting and year. signed_on (a China date)
-- is set once; the items of a signed agreement never change (the use case refuses, and the
-- repository's writes are conditional on signed_on IS NULL).
CREATE TABLE agreements (
  id BIGINT PRIMARY KEY,
  posting_id BIGINT NOT NULL REFERENCES postings (id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  signed_on TEXT,
  signed_by BIGINT,
  signed_at BIGINT,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  UNIQUE (posting_id, year)
);

-- The items, in order. kind is one of the stable codes of domain/posting.hpp (visit_coverage,
-- consultations, errands_on_time, response_rate, resolution_rate, satisfaction_rate,
-- prosper_projects, meetings_attended, custom): the scorecard joins its computed actuals to
-- target on (agreement, kind).
CREATE TABLE agreement_items (
  agreement_id BIGINT NOT NULL REFERENCES agreements (id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  target DOUBLE PRECISION NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  weight DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (agreement_id, position)
);
CREATE INDEX agreement_items_kind ON agreement_items (kind);
