-- Meetings that decide (议事会议: 联席会、现场会、交心会、院坝会、接待日) and their decisions, each
-- followed to completion by its owner or through a matter (诉求). project_id names a livelihood
-- project (民生项目) without a foreign key: projects live in their own migration.
CREATE TABLE meetings (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('joint', 'on_site', 'heart_to_heart', 'courtyard',
                                     'reception_day', 'party_rep_reception')),
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  place TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  host_user_id BIGINT NOT NULL REFERENCES users (id),
  host_unit_id BIGINT REFERENCES units (id),
  project_id BIGINT,
  minutes TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('planned', 'held', 'cancelled')),
  slot_id BIGINT REFERENCES time_slots (id),
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX meetings_region_date ON meetings (region_path, date);
CREATE INDEX meetings_kind_date ON meetings (kind, date);
CREATE INDEX meetings_project ON meetings (project_id);

CREATE TABLE meeting_attendees (
  id BIGINT PRIMARY KEY,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id),
  kind TEXT NOT NULL CHECK (kind IN ('unit', 'member', 'resident', 'outside')),
  unit_id BIGINT REFERENCES units (id),
  resident_id BIGINT REFERENCES residents (id),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees (meeting_id);

CREATE TABLE meeting_decisions (
  id BIGINT PRIMARY KEY,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id),
  text TEXT NOT NULL,
  owner_user_id BIGINT REFERENCES users (id),
  owner_unit_id BIGINT REFERENCES units (id),
  deadline TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'matter')),
  result_note TEXT NOT NULL DEFAULT '',
  matter_id BIGINT REFERENCES matters (id),
  region_path TEXT NOT NULL,
  done_by BIGINT REFERENCES users (id),
  done_at BIGINT,
  created_at BIGINT NOT NULL,
  CHECK (owner_user_id IS NOT NULL OR owner_unit_id IS NOT NULL)
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id);
CREATE INDEX meeting_decisions_owner_user ON meeting_decisions (owner_user_id, state);
CREATE INDEX meeting_decisions_owner_unit ON meeting_decisions (owner_unit_id, state);
CREATE INDEX meeting_decisions_open_deadline ON meeting_decisions (state, deadline);
