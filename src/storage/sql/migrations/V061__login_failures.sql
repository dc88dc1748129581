-- The login throttle in the database (issue 19, item 1), so that every server process of a
-- deployment counts the same wrong passwords: a guesser spread over N processes behind the
-- balancer gets no more tries than against one, and a pair one process made wait waits on all.
-- Keys are hex SHA-256 (AuthService): of the purpose, the username tried and the client address
-- for a pair; of the address alone for an address. They are of fixed length whatever bytes a
-- guesser sends. Rows whose failures no longer count are deleted by the periodic job.
--
-- Wrong passwords (or activation codes) of one pair: how many, and the time of the last one.
CREATE TABLE login_pair_failures (
  pair_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failed_at BIGINT NOT NULL
);
CREATE INDEX login_pair_failures_last ON login_pair_failures (last_failed_at);

-- Wrong passwords from one address (any username), counted per second.
CREATE TABLE login_address_failures (
  address_key TEXT NOT NULL,
  failed_at BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (address_key, failed_at)
);
CREATE INDEX login_address_failures_time ON login_address_failures (failed_at);
