-- One-time codes sent to a household head's phone so that the household can confirm a visit
-- (民情日记) without its contact card: only the hash is kept, with an expiry and failed attempts.
CREATE TABLE visit_phone_codes (
  visit_id BIGINT PRIMARY KEY REFERENCES visits (id),
  code_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
