-- Surveys and evaluations (问卷与评议: 三问三解, 三有两评). A survey asks the households of a
-- township or village questions about a topic, a project or a cadre (subject_user_id, 三有两评).
-- subject: 1 topic, 2 project, 3 cadre. state: 1 draft, 2 open, 3 closed. opens_on and closes_on
-- are China dates (YYYY-MM-DD), inclusive. token_key is the secret the households' link tokens
-- are derived from (never shown).
CREATE TABLE surveys (
  id BIGINT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  subject INTEGER NOT NULL CHECK (subject BETWEEN 1 AND 3),
  subject_text TEXT NOT NULL DEFAULT '',
  subject_user_id BIGINT REFERENCES users (id),
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
  token_key TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX surveys_region ON surveys (region_path);

-- The questions in order (position 0, 1, ...). kind: 1 single, 2 multiple, 3 rating, 4 text.
-- options: the choices, one per line. max_picks: multiple choice at most so many (0 = any).
CREATE TABLE survey_questions (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  position INTEGER NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  body TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
  max_picks INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, position)
);

-- That a household has answered (one per household; the first answer is kept): the village it
-- lived in, the China date, the channel (1 recorded by a member on a visit, 2 its own link), who
-- recorded it and the visit it was recorded on. Nothing of WHAT it answered: the answers below
-- carry only the village, so no row ties an answer to a household.
CREATE TABLE survey_responses (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  village_id BIGINT NOT NULL,
  answered_on TEXT NOT NULL,
  channel INTEGER NOT NULL CHECK (channel IN (1, 2)),
  recorded_by BIGINT,
  visit_id BIGINT,
  PRIMARY KEY (survey_id, household_id)
);
CREATE INDEX survey_responses_village ON survey_responses (survey_id, village_id);

-- The answers as counters per survey, village, question and choice, incremented in place:
-- choice 0 counts the households that answered the question; a choice question's option n is
-- choice n + 1; a rating's value v (1..5) is choice v. No household, no time, no order.
CREATE TABLE survey_counts (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  village_id BIGINT NOT NULL,
  question INTEGER NOT NULL,
  choice INTEGER NOT NULL,
  answers BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, village_id, question, choice)
);

-- Text answers: the village and the text only, under a random id (listed by it, so in no
-- meaningful order).
CREATE TABLE survey_texts (
  id BIGINT PRIMARY KEY,
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  village_id BIGINT NOT NULL,
  question INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX survey_texts_survey ON survey_texts (survey_id, question);

-- Refused answers per survey and reason (survey.already_answered, survey.closed, ...).
CREATE TABLE survey_refusals (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  reason TEXT NOT NULL,
  refused BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, reason)
);
