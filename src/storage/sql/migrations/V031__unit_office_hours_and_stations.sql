-- Each unit's office hours (办公时间), in the text form domain::ParseOfficeHours reads; the
-- standard hours by default. A matter's response deadline counts inside the handling unit's hours.
ALTER TABLE units ADD COLUMN office_hours TEXT NOT NULL DEFAULT '08:30-12:00,13:30-17:30';

-- Each village's service station (综合服务站): place, opening hours as residents read them, phone,
-- and the village affairs assistant (村级事务助理) posted there. Contact cards show these.
CREATE TABLE village_stations (
  region_id BIGINT PRIMARY KEY REFERENCES regions (id),
  place TEXT NOT NULL,
  hours TEXT NOT NULL,
  phone TEXT NOT NULL,
  assistant_user_id BIGINT REFERENCES users (id)
);
