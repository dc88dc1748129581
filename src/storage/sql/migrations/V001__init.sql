-- The registry: regions, households (户), residents, party organisations, units, users,
-- sessions and the audit log. Ids are application-generated BIGINTs; times are BIGINT epoch
-- seconds; enums are their small integers; booleans are INTEGER 0/1; absent values are NULL.

CREATE TABLE regions (
  id BIGINT PRIMARY KEY,
  parent_id BIGINT REFERENCES regions (id),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION
);

-- tags are stored as ",低保,残疾," so one tag is matched with LIKE '%,低保,%'.
CREATE TABLE households (
  id BIGINT PRIMARY KEY,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  tags TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- pinyin keeps the display form ("wang jing yun"); pinyin_key is the same without spaces so a
-- prefix match works across syllables.
CREATE TABLE residents (
  id BIGINT PRIMARY KEY,
  household_id BIGINT REFERENCES households (id),
  region_path TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  sex INTEGER NOT NULL CHECK (sex IN (1, 2)),
  birth_date TEXT NOT NULL DEFAULT '',
  id_card TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  relation TEXT NOT NULL DEFAULT '',
  pinyin TEXT NOT NULL DEFAULT '',
  pinyin_key TEXT NOT NULL DEFAULT '',
  initials TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 7),
  scope_region_id BIGINT REFERENCES regions (id),
  scope_region_path TEXT NOT NULL DEFAULT '',
  scope_unit_id BIGINT,
  resident_id BIGINT REFERENCES residents (id),
  phone TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL
);

CREATE TABLE resident_moves (
  id BIGINT PRIMARY KEY,
  resident_id BIGINT NOT NULL REFERENCES residents (id),
  from_household_id BIGINT REFERENCES households (id),
  to_household_id BIGINT REFERENCES households (id),
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  by_user_id BIGINT REFERENCES users (id)
);

-- leader_member_id has no foreign key: orgs and members reference each other, and a member is
-- inserted after the org.
CREATE TABLE party_orgs (
  id BIGINT PRIMARY KEY,
  parent_id BIGINT REFERENCES party_orgs (id),
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
  name TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  leader_member_id BIGINT
);

CREATE TABLE party_members (
  id BIGINT PRIMARY KEY,
  resident_id BIGINT NOT NULL UNIQUE REFERENCES residents (id),
  org_id BIGINT NOT NULL REFERENCES party_orgs (id),
  region_path TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL CHECK (status IN (1, 2)),
  away INTEGER NOT NULL DEFAULT 0 CHECK (away IN (0, 1)),
  can_take_households INTEGER NOT NULL DEFAULT 1 CHECK (can_take_households IN (0, 1)),
  capacity BIGINT NOT NULL DEFAULT 10 CHECK (capacity >= 0),
  joined_on TEXT NOT NULL DEFAULT ''
);

CREATE TABLE units (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  region_id BIGINT REFERENCES regions (id),
  phone TEXT NOT NULL DEFAULT ''
);

CREATE TABLE staff (
  id BIGINT PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES units (id),
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  user_id BIGINT REFERENCES users (id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- No foreign keys: the log must outlive the rows it talks about.
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL DEFAULT '',
  entity_id BIGINT NOT NULL DEFAULT 0,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT ''
);
