-- Away members (离乡不离党, issue 17 item 7).
-- How a diary visit was made: 'in_person' (上门, every entry written before ways existed),
-- 'phone' (电话走访) or 'video'. Only door visits count towards the visit quotas.
ALTER TABLE visits ADD COLUMN way TEXT NOT NULL DEFAULT 'in_person'
  CHECK (way IN ('in_person', 'phone', 'video'));

-- The branch's contacts with an away member (流动党员): date (China 'YYYY-MM-DD'), way (phone,
-- wechat, letter, visit), who made it, a note; recorded_by is the account (0 for the system).
-- Append-only. region_path is the member's, for scope filters.
CREATE TABLE away_contacts (
  id BIGINT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES party_members (id),
  region_path TEXT NOT NULL,
  contact_date TEXT NOT NULL,
  way TEXT NOT NULL CHECK (way IN ('phone', 'wechat', 'letter', 'visit')),
  contact_by TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX away_contacts_member ON away_contacts (member_id, contact_date);

-- Online study activities (网上学习 / 线上组织生活) of a party organisation; the audience is every
-- member whose region lies under region_path (the organisation's). Open from opens_on to
-- closes_on (China dates, both inclusive).
CREATE TABLE study_activities (
  id BIGINT PRIMARY KEY,
  org_id BIGINT NOT NULL REFERENCES party_orgs (id),
  region_path TEXT NOT NULL,
  title TEXT NOT NULL,
  material TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CHECK (closes_on >= opens_on)
);
CREATE INDEX study_activities_path ON study_activities (region_path);

-- Attendance: one per activity and member. made_up = 0 when the member's own account marked it
-- online; 1 for an offline make-up study (补学) recorded by a secretary (recorded_by).
CREATE TABLE study_attendance (
  activity_id BIGINT NOT NULL REFERENCES study_activities (id),
  member_id BIGINT NOT NULL REFERENCES party_members (id),
  note TEXT NOT NULL,
  made_up INTEGER NOT NULL CHECK (made_up IN (0, 1)),
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (activity_id, member_id)
);
CREATE INDEX study_attendance_member ON study_attendance (member_id);
