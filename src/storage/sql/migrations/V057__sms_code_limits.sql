-- The limits on verification codes (issue 15) are counted from the outbox, so that a restart
-- forgets nothing and two server processes on one database count the same codes. A code is
-- admitted only after its phone's row here is written in the sending transaction: that row lock
-- makes two transactions that send codes to one phone wait for each other, so the second counts
-- the first's code. last_code_at is the time of the newest code admitted for the phone.
CREATE TABLE sms_code_phones (
  phone TEXT PRIMARY KEY,
  last_code_at BIGINT NOT NULL
);

-- The one-code-a-minute rule per matter reads the codes about a matter.
CREATE INDEX sms_outbox_matter ON sms_outbox (matter_id, created_at);
