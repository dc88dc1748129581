-- The tamper-evident record: the audit log becomes a hash chain (canonical content defined in
-- src/domain/audit_chain.hpp). Each chained row carries its position, the previous entry's hash,
-- its own hash and the proving state of the matter or visit it is about.
--
-- Existing rows are not rehashed here (SQL cannot compute SHA-256 on SQLite): a database that
-- already has audit rows starts with the chain not started (started_at NULL), and
-- `minqing verify --start-chain` starts it from that moment, writing a chain.start entry that
-- freezes the count and digest of the older rows. A new database (no audit rows yet) is chained
-- from its first entry (started_at 0).
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN proof TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain_seq);

-- One row: the last chained entry. Appends lock it, so they are serialised on every engine.
CREATE TABLE audit_chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  started_at BIGINT,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);

INSERT INTO audit_chain_head (id, started_at, seq, hash)
SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM audit_log) THEN NULL ELSE 0 END, 0,
       '0000000000000000000000000000000000000000000000000000000000000000';

-- The head published each China day (public board, API, server log), for auditors to compare.
CREATE TABLE audit_chain_published (
  day TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  published_at BIGINT NOT NULL
);
