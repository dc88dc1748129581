-- Pairing (结对共建, issue 17): a registry unit paired with a village (region_id, with its path
-- for scope filters) from and to (China dates 'YYYY-MM-DD', both inclusive; to NULL while open).
-- Two pairs of one unit and village never share a day (domain/pairing.hpp); the writer first bumps
-- the (unit, village) row of pairing_guards so two concurrent creations run one after the other.
CREATE TABLE pairing_pairs (
  id BIGINT PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES units (id),
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX pairing_pairs_unit_region ON pairing_pairs (unit_id, region_id, from_date);
CREATE INDEX pairing_pairs_path ON pairing_pairs (region_path);

CREATE TABLE pairing_guards (
  unit_id BIGINT NOT NULL,
  region_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (unit_id, region_id)
);

-- The village's needs: kind and state are the codes of domain/pairing.hpp (integers).
-- The title and detail are published; they must not carry personal data (the form says so).
CREATE TABLE pairing_needs (
  id BIGINT PRIMARY KEY,
  pair_id BIGINT NOT NULL REFERENCES pairing_pairs (id),
  title TEXT NOT NULL,
  kind INTEGER NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX pairing_needs_pair ON pairing_needs (pair_id);

-- The unit's resources (funds, materials, skills, jobs, other).
CREATE TABLE pairing_resources (
  id BIGINT PRIMARY KEY,
  pair_id BIGINT NOT NULL REFERENCES pairing_pairs (id),
  kind INTEGER NOT NULL,
  description TEXT NOT NULL,
  state INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX pairing_resources_pair ON pairing_resources (pair_id);

-- A need matched to a resource, by whom and when; done_at once the need is met. A need and a
-- resource are matched at most once.
CREATE TABLE pairing_matches (
  id BIGINT PRIMARY KEY,
  pair_id BIGINT NOT NULL REFERENCES pairing_pairs (id),
  need_id BIGINT NOT NULL UNIQUE REFERENCES pairing_needs (id),
  resource_id BIGINT NOT NULL UNIQUE REFERENCES pairing_resources (id),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  done_at BIGINT
);
CREATE INDEX pairing_matches_pair ON pairing_matches (pair_id);

-- Joint projects (共建项目) under a pair; state planned/ongoing/done (integers of
-- domain/pairing.hpp). project_id is a plain column for the livelihood projects of issue 17 item 1
-- (no foreign key until that table exists on the same branch).
CREATE TABLE pairing_projects (
  id BIGINT PRIMARY KEY,
  pair_id BIGINT NOT NULL REFERENCES pairing_pairs (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL,
  project_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX pairing_projects_pair ON pairing_projects (pair_id);
