-- Year-end report and vote (述职评议): a cadre posted to a village reports to the village
-- committees (村两委), all party members and the villager representatives (村民代表), who vote
-- 满意 / 基本满意 / 不满意 with one-time codes.
--
-- The voter roles beside party membership (party_members) are flags on the resident.
ALTER TABLE residents ADD COLUMN village_committee INTEGER NOT NULL DEFAULT 0
  CHECK (village_committee IN (0, 1));
ALTER TABLE residents ADD COLUMN villager_rep INTEGER NOT NULL DEFAULT 0
  CHECK (villager_rep IN (0, 1));

-- One vote per assessed person and village. posting_id names the posting (postings, V038) the
-- session is about; it has no foreign key until the two features are merged. scorecard is the
-- scorecard frozen when the session was created (JSON text). state: 1 draft, 2 open, 3 closed,
-- 4 published. Codes are issued once (issued_at); printed and texted are how many went out each
-- way. The result is vote_tallies, shown only once the session is published.
CREATE TABLE vote_sessions (
  id BIGINT PRIMARY KEY,
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  assessed_user_id BIGINT NOT NULL REFERENCES users (id),
  posting_id BIGINT,
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  report TEXT NOT NULL DEFAULT '',
  scorecard TEXT NOT NULL DEFAULT '{}',
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
  issued_at BIGINT,
  printed INTEGER NOT NULL DEFAULT 0,
  texted INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT
);
CREATE INDEX vote_sessions_region ON vote_sessions (region_path, year);

-- The one-time codes: only a hash of each code (never the code, never who got it), whether it
-- was used, and nothing else: no time, no order of use, no choice.
CREATE TABLE vote_codes (
  code_hash TEXT PRIMARY KEY,
  session_id BIGINT NOT NULL REFERENCES vote_sessions (id),
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
CREATE INDEX vote_codes_session ON vote_codes (session_id, used);

-- The choices: one counter per session and choice (1 满意, 2 基本满意, 3 不满意), incremented in
-- place. No code, no voter, no time: a ballot leaves no row of its own.
CREATE TABLE vote_tallies (
  session_id BIGINT NOT NULL REFERENCES vote_sessions (id),
  choice INTEGER NOT NULL CHECK (choice BETWEEN 1 AND 3),
  votes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, choice)
);

-- Refused ballots per session and reason (vote.code_used, vote.code_foreign, vote.code_unknown,
-- vote.not_open), shown to the organiser.
CREATE TABLE vote_refusals (
  session_id BIGINT NOT NULL REFERENCES vote_sessions (id),
  reason TEXT NOT NULL,
  refused BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, reason)
);
