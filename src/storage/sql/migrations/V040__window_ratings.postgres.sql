-- PostgreSQL: as V040__window_ratings.sql, with the triggers in PL/pgSQL.
-- Window ratings (窗口即时评价) and the suggestion box (意见箱), app/window_ratings.hpp.
--
-- A window service is one service a clerk gave at a window: a matter accepted there ('intake'),
-- a consultation answered on the spot ('on_the_spot'), an appointment served ('appointment').
-- service_key ('matter:<id>', 'appointment:<id>') makes each service one row. The token, random
-- and unguessable, is what gives a resident the right to rate it (the receipt's page, the
-- window's tablet); region_path is the centre's (or the clerk's) area, for readers' scopes.
CREATE TABLE window_services (
  id BIGINT PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  service_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('intake', 'on_the_spot', 'appointment')),
  clerk_id BIGINT NOT NULL REFERENCES users (id),
  unit_id BIGINT REFERENCES units (id),
  region_path TEXT NOT NULL,
  matter_id BIGINT REFERENCES matters (id),
  appointment_id BIGINT REFERENCES appointments (id),
  served_at BIGINT NOT NULL
);
CREATE INDEX window_services_clerk ON window_services (clerk_id, served_at);

-- At most one rating per service: the primary key refuses the second. Ratings are never
-- changed or deleted (the triggers below refuse it, whoever asks).
CREATE TABLE window_ratings (
  service_id BIGINT PRIMARY KEY REFERENCES window_services (id),
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('receipt', 'tablet')),
  rated_at BIGINT NOT NULL
);
CREATE INDEX window_ratings_rated_at ON window_ratings (rated_at);

-- Suggestions left anonymously for a service centre; status 'new', 'read' or 'answered'.
CREATE TABLE suggestions (
  id BIGINT PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES units (id),
  region_path TEXT NOT NULL,
  content TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'answered')),
  note TEXT NOT NULL DEFAULT '',
  handled_by BIGINT REFERENCES users (id),
  handled_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX suggestions_created ON suggestions (created_at);

CREATE FUNCTION window_ratings_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'window_ratings are never changed or deleted';
END;
$$;

CREATE TRIGGER window_ratings_no_change BEFORE UPDATE OR DELETE ON window_ratings
  FOR EACH ROW EXECUTE FUNCTION window_ratings_refuse_change();

CREATE TRIGGER window_ratings_no_truncate BEFORE TRUNCATE ON window_ratings
  FOR EACH STATEMENT EXECUTE FUNCTION window_ratings_refuse_change();
