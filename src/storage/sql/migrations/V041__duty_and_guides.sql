-- On duty and public service information (在岗公示、办事指南).
--
-- The duty roster (值班表) of a service centre (a unit of kind service_centre): per China civil
-- day ('YYYY-MM-DD'), the leader on duty (带班领导) and the window staff (窗口人员) with their post
-- or window. A day without a leader and without staff has no row.
CREATE TABLE duty_days (
  unit_id BIGINT NOT NULL REFERENCES units (id),
  day TEXT NOT NULL,
  leader_user_id BIGINT REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (unit_id, day)
);

CREATE TABLE duty_posts (
  unit_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  post TEXT NOT NULL,
  position INTEGER NOT NULL,
  -- One person holds one window a day (the rule is also checked before writing, with a message).
  PRIMARY KEY (unit_id, day, user_id),
  FOREIGN KEY (unit_id, day) REFERENCES duty_days (unit_id, day) ON DELETE CASCADE
);

-- The badge number (工作牌编号) of a person at a centre: given the first time they are on duty there
-- and kept, so a printed badge stays right.
CREATE TABLE duty_badges (
  unit_id BIGINT NOT NULL REFERENCES units (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  number INTEGER NOT NULL,
  PRIMARY KEY (unit_id, user_id),
  UNIQUE (unit_id, number)
);

-- Service guides (办事指南 / 明白纸): one per matter category and region (the county, or a township
-- whose guide replaces the county's there). Lists (materials, steps) hold one item per line. The
-- time limit is not stored: it is read from the category (matter_categories) each time.
CREATE TABLE service_guides (
  id BIGINT PRIMARY KEY,
  category_id BIGINT NOT NULL REFERENCES matter_categories (id),
  region_id BIGINT NOT NULL REFERENCES regions (id),
  title TEXT NOT NULL,
  materials TEXT NOT NULL,
  steps TEXT NOT NULL,
  place TEXT NOT NULL,
  window_name TEXT NOT NULL,
  fees TEXT NOT NULL,
  office_hours TEXT NOT NULL,
  phone TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  UNIQUE (category_id, region_id)
);
