-- One-time codes sent to a phone so that a resident can help themselves without a password
-- (issue 15): sign up, log in, or report a matter from a contact card. One live code per phone
-- and purpose ('signup', 'login', 'report'); a new request replaces it and its attempts. Only a
-- hash of the code is kept. card_code is the contact card a 'report' code was asked for (empty
-- otherwise); attempts counts wrong codes (the code is refused after 5).
CREATE TABLE phone_codes (
  phone TEXT NOT NULL,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  card_code TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (phone, purpose)
);
CREATE INDEX phone_codes_expires ON phone_codes (expires_at);
