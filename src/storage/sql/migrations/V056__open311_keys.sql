-- Open311 GeoReport v2 API keys (issue 18): what lets an outside application (a city app, a
-- FixMyStreet instance) file matters through /open311/v2/requests. The key itself is shown once at
-- creation; only its SHA-256 (hex) is kept, with its first characters (prefix) for the list. The
-- owner is the administrator who created it: intakes made with the key are accepted in the
-- owner's name. revoked_at set: the key no longer works. Nothing is deleted.
CREATE TABLE open311_keys (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  owner_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  request_count BIGINT NOT NULL DEFAULT 0,
  revoked_at BIGINT,
  revoked_by BIGINT REFERENCES users (id)
);
