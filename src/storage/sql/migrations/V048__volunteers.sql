-- Volunteer service (志愿服务, issue 17): teams of a region (with its path for scope filters), an
-- optional leader account and registry unit (of kind volunteer_team); volunteers are a registry
-- resident (resident_id) or an outside person (name, phone). Rules in domain/volunteers.hpp.
CREATE TABLE volunteer_teams (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  leader_user_id BIGINT REFERENCES users (id),
  unit_id BIGINT REFERENCES units (id),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX volunteer_teams_path ON volunteer_teams (region_path);
CREATE INDEX volunteer_teams_leader ON volunteer_teams (leader_user_id);

CREATE TABLE volunteers (
  id BIGINT PRIMARY KEY,
  team_id BIGINT NOT NULL REFERENCES volunteer_teams (id),
  resident_id BIGINT REFERENCES residents (id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  joined TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  UNIQUE (team_id, resident_id)
);
CREATE INDEX volunteers_resident ON volunteers (resident_id);

-- state: the codes of domain::ActivityState (1 open, 2 closed, 3 done, 4 cancelled). version is
-- bumped by every sign-up and attendance writer first (LockActivity), so they run one after the
-- other and the capacity holds under concurrency.
CREATE TABLE volunteer_activities (
  id BIGINT PRIMARY KEY,
  team_id BIGINT NOT NULL REFERENCES volunteer_teams (id),
  title TEXT NOT NULL,
  activity_date TEXT NOT NULL,
  activity_time TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  hours_tenths INTEGER NOT NULL CHECK (hours_tenths BETWEEN 1 AND 240),
  state INTEGER NOT NULL,
  version BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX volunteer_activities_team ON volunteer_activities (team_id, activity_date);

CREATE TABLE volunteer_signups (
  activity_id BIGINT NOT NULL REFERENCES volunteer_activities (id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  PRIMARY KEY (activity_id, volunteer_id)
);

-- The hours ledger: one row per credit (activity_id set, at most once per activity) or manual
-- adjustment (activity_id NULL, a reason). Rows are only added.
CREATE TABLE volunteer_hours (
  id BIGINT PRIMARY KEY,
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  activity_id BIGINT REFERENCES volunteer_activities (id),
  tenths INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  UNIQUE (volunteer_id, activity_id)
);

-- Issued certificates (志愿服务证明): what each stated, found by its verification code.
CREATE TABLE volunteer_certificates (
  code TEXT PRIMARY KEY,
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  volunteer_name TEXT NOT NULL,
  team_name TEXT NOT NULL,
  hours_tenths INTEGER NOT NULL,
  issued_at BIGINT NOT NULL,
  issued_by BIGINT
);
CREATE INDEX volunteer_certificates_volunteer ON volunteer_certificates (volunteer_id);
