-- The 1+10 contact network (党员联系户, 一人联十人), its duties (四到户 notices, 五必到 household
-- events), the people's-conditions diary (民情日记) of visits and the households' contact-card
-- codes. Enums are the small integers of domain/network.hpp; region paths are copied from the
-- household (or region) so subtree filters need no join.

-- At most one member per household: household_id is unique.
CREATE TABLE contact_links (
  id BIGINT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES party_members (id),
  household_id BIGINT NOT NULL UNIQUE REFERENCES households (id),
  kind INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id)
);

-- At most one group leader per member: member_id is unique.
CREATE TABLE leader_links (
  id BIGINT PRIMARY KEY,
  leader_member_id BIGINT NOT NULL REFERENCES party_members (id),
  member_id BIGINT NOT NULL UNIQUE REFERENCES party_members (id),
  kind INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),
  created_at BIGINT NOT NULL,
  CHECK (leader_member_id <> member_id)
);

CREATE TABLE link_requests (
  id BIGINT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES party_members (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  reason TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL CHECK (status IN (1, 2, 3)),
  created_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users (id),
  decided_at BIGINT
);

-- Settings of exactly one region; the nearest ancestor's row applies below it.
CREATE TABLE network_settings (
  region_id BIGINT PRIMARY KEY REFERENCES regions (id),
  households_per_member INTEGER NOT NULL CHECK (households_per_member >= 0),
  members_per_leader INTEGER NOT NULL CHECK (members_per_leader >= 0),
  max_walk_metres INTEGER NOT NULL CHECK (max_walk_metres >= 0),
  stability_bonus_metres INTEGER NOT NULL CHECK (stability_bonus_metres >= 0),
  small_village_households INTEGER NOT NULL CHECK (small_village_households >= 0),
  large_village_quota_percent INTEGER NOT NULL
    CHECK (large_village_quota_percent BETWEEN 0 AND 100)
);

CREATE TABLE notices (
  id BIGINT PRIMARY KEY,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  published_by BIGINT NOT NULL REFERENCES users (id),
  published_at BIGINT NOT NULL,
  due_at BIGINT
);

-- One row per household of the notice's region subtree, made when the notice is published;
-- member_id is the household's linked member at that time (NULL when uncovered).
CREATE TABLE notice_deliveries (
  notice_id BIGINT NOT NULL REFERENCES notices (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  member_id BIGINT REFERENCES party_members (id),
  delivered_at BIGINT,
  delivered_by BIGINT REFERENCES users (id),
  opinion TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (notice_id, household_id)
);

-- event_date is YYYY-MM-DD.
CREATE TABLE household_events (
  id BIGINT PRIMARY KEY,
  household_id BIGINT NOT NULL REFERENCES households (id),
  region_path TEXT NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 5),
  event_date TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  member_id BIGINT REFERENCES party_members (id),
  attended_at BIGINT,
  attendance_note TEXT NOT NULL DEFAULT ''
);

-- matter_ids lists the matters raised from the visit as "1,2" (no foreign key: matters live in
-- their own migrations). Only the confirmation and review columns are ever updated.
CREATE TABLE visits (
  id BIGINT PRIMARY KEY,
  household_id BIGINT NOT NULL REFERENCES households (id),
  region_path TEXT NOT NULL,
  visitor_user_id BIGINT NOT NULL REFERENCES users (id),
  visitor_kind INTEGER NOT NULL CHECK (visitor_kind BETWEEN 1 AND 3),
  member_id BIGINT REFERENCES party_members (id),
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  visited_at BIGINT NOT NULL,
  learned TEXT NOT NULL DEFAULT '',
  problems TEXT NOT NULL DEFAULT '',
  help TEXT NOT NULL DEFAULT '',
  matter_ids TEXT NOT NULL DEFAULT '',
  corrects_id BIGINT REFERENCES visits (id),
  household_event_id BIGINT REFERENCES household_events (id),
  notice_id BIGINT REFERENCES notices (id),
  confirmed_at BIGINT,
  confirmed_via TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  grade INTEGER CHECK (grade BETWEEN 1 AND 5),
  review_comment TEXT NOT NULL DEFAULT '',
  reviewed_by BIGINT REFERENCES users (id)
);

CREATE TABLE household_card_codes (
  household_id BIGINT PRIMARY KEY REFERENCES households (id),
  code TEXT NOT NULL UNIQUE
);
