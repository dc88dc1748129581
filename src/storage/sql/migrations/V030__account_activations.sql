-- One-time activation of accounts created in bulk (账号激活): an account imported from a sheet has
-- no password until its holder types the code of their activation letter and sets one. Only a
-- hash of the code is kept (the letter is the one printable copy); a new letter replaces the row,
-- so the old code stops working. used_at is set when the code is used (single use).
CREATE TABLE account_activations (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  code_hash TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  issued_by BIGINT,
  used_at BIGINT
);
