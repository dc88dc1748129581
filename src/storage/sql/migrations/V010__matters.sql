-- Matters (诉求) and everything around them. Enums are their small integers (domain/matter.hpp),
-- booleans INTEGER 0/1, times BIGINT epoch seconds, dates TEXT YYYY-MM-DD, days BIGINT day
-- numbers. region_path is copied from the region so subtree filters need no join.

CREATE TABLE matter_categories (
  id BIGINT PRIMARY KEY,
  parent_id BIGINT REFERENCES matter_categories (id),
  name TEXT NOT NULL,
  keywords TEXT NOT NULL DEFAULT '',
  default_unit_id BIGINT REFERENCES units (id),
  response_hours INTEGER NOT NULL DEFAULT 4 CHECK (response_hours >= 0),
  completion_days INTEGER NOT NULL DEFAULT 5 CHECK (completion_days >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE routing_rules (
  id BIGINT PRIMARY KEY,
  category_id BIGINT NOT NULL REFERENCES matter_categories (id),
  region_path TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units (id),
  completion_days INTEGER CHECK (completion_days >= 0)
);

-- accepted_by and handler_id are user ids without a foreign key: bulk demo data and imports
-- may name users of another system.
CREATE TABLE matters (
  id BIGINT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  -- matter type: 1 consultation, 2 help, 3 complaint, 4 report, 5 suggestion
  type INTEGER NOT NULL CHECK (type BETWEEN 1 AND 5),
  category_id BIGINT REFERENCES matter_categories (id),
  -- matter channel: 1 window, 2 hotline, 3 station, 4 home_visit, 5 meeting, 6 online, 7 qr_code
  channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 7),
  -- urgency: 1 normal, 2 urgent, 3 special
  urgency INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),
  -- matter status: 1 accepted, 2 dispatched, 3 in_progress, 4 replied, 5 closed, 6 merged
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 6),
  household_id BIGINT REFERENCES households (id),
  resident_id BIGINT REFERENCES residents (id),
  caller_name TEXT NOT NULL DEFAULT '',
  caller_phone TEXT NOT NULL DEFAULT '',
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  accepted_by BIGINT NOT NULL,
  accepted_at BIGINT NOT NULL,
  unit_id BIGINT REFERENCES units (id),
  handler_id BIGINT,
  first_unit_id BIGINT REFERENCES units (id),
  response_due_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  responded_at BIGINT,
  replied_at BIGINT,
  closed_at BIGINT,
  reply TEXT NOT NULL DEFAULT '',
  escalation_level INTEGER NOT NULL DEFAULT 0,
  supervised INTEGER NOT NULL DEFAULT 0 CHECK (supervised IN (0, 1)),
  merged_into_id BIGINT REFERENCES matters (id),
  public_token TEXT NOT NULL DEFAULT '',
  solved INTEGER CHECK (solved IN (0, 1)),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  rating_comment TEXT NOT NULL DEFAULT '',
  confirmed_via TEXT NOT NULL DEFAULT '',
  reopen_count INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);

-- One row per acceptance day; NextMatterSerial bumps `last` with an upsert.
CREATE TABLE matter_day_serials (
  day BIGINT PRIMARY KEY,
  last BIGINT NOT NULL
);

-- attachment_ids is "1,2,3".
CREATE TABLE matter_events (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  -- matter event kind: 1 accepted, 2 dispatched, 3 unit_accepted, 4 transferred, 5 returned,
  -- 6 step, 7 replied, 8 confirmed, 9 reopened, 10 callback, 11 escalated, 12 supervised,
  -- 13 merged, 14 note, 15 appointment, 16 closed_on_spot
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 16),
  at BIGINT NOT NULL,
  user_id BIGINT,
  user_name TEXT NOT NULL DEFAULT '',
  from_unit_id BIGINT,
  to_unit_id BIGINT,
  text TEXT NOT NULL DEFAULT '',
  internal INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
  attachment_ids TEXT NOT NULL DEFAULT ''
);

-- data holds the bytes in base64: the query layer's values have no blob type.
CREATE TABLE matter_attachments (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  event_id BIGINT,
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL CHECK (size >= 0),
  sha256 TEXT NOT NULL DEFAULT '',
  uploaded_at BIGINT NOT NULL,
  uploaded_by BIGINT,
  data TEXT NOT NULL
);

-- The holiday table (放假调休): kind 1 = off, 2 = make-up working day.
CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY,
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE supervision_orders (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  issued_by BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  issued_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  done_at BIGINT
);

CREATE TABLE callback_tasks (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT NOT NULL REFERENCES matters (id),
  created_at BIGINT NOT NULL,
  assigned_to BIGINT,
  done_at BIGINT,
  outcome TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sign_off_codes (
  matter_id BIGINT PRIMARY KEY REFERENCES matters (id),
  code_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sms_outbox (
  id BIGINT PRIMARY KEY,
  phone TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  matter_id BIGINT
);

CREATE TABLE time_slots (
  id BIGINT PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES units (id),
  date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),
  staff_user_id BIGINT
);

CREATE TABLE appointments (
  id BIGINT PRIMARY KEY,
  slot_id BIGINT NOT NULL REFERENCES time_slots (id),
  matter_id BIGINT REFERENCES matters (id),
  household_id BIGINT REFERENCES households (id),
  person_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('booked', 'done', 'cancelled')),
  created_at BIGINT NOT NULL
);

CREATE TABLE proxy_errands (
  id BIGINT PRIMARY KEY,
  matter_id BIGINT REFERENCES matters (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  assistant_id BIGINT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  -- errand status: 1 received, 2 at_township, 3 done, 4 returned
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- seq keeps the documents in the order they were listed.
CREATE TABLE errand_documents (
  errand_id BIGINT NOT NULL REFERENCES proxy_errands (id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  copies INTEGER NOT NULL DEFAULT 1,
  received_at BIGINT,
  returned_at BIGINT,
  PRIMARY KEY (errand_id, seq)
);

-- The three-rate counters (三率): one cell per dimension, key, key2 and day, added to by
-- upserts so the dashboard never reads the matters. path is the cell's region path, if any.
CREATE TABLE matter_stats (
  -- stats dimension: unit, person, region, category, category_township (and each + '@m')
  dimension TEXT NOT NULL,
  key_id BIGINT NOT NULL,
  key2 BIGINT NOT NULL,
  path TEXT NOT NULL DEFAULT '',
  day BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  responded BIGINT NOT NULL DEFAULT 0,
  responded_on_time BIGINT NOT NULL DEFAULT 0,
  replied BIGINT NOT NULL DEFAULT 0,
  replied_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  solved BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  reopened BIGINT NOT NULL DEFAULT 0,
  overdue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (dimension, key_id, key2, day)
);
