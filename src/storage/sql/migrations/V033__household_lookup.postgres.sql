-- The registry's one-box look-up (issue 13): one row per household holding what the look-up
-- matches, so that a look-up reads one narrow table instead of joining residents to households,
-- grouping and sorting every match. Written by the application (storage/lookup_index.hpp) from
-- the households and residents tables, refreshed in the transaction that changes them.
-- number_key and address_key are lower(number) and lower(address) as the database computes them.
-- The member columns hold one line per resident of the household (names, pinyin keys,
-- initials, phones, ID-card numbers): each line is "\n", then "\x01" for the head of household
-- (户主) or "\x02" for another member, then the value with any "\n" turned into "\x03"; the text
-- ends with "\n" ('' without residents). A look-up without control characters then finds a
-- substring with instr(), an exact value with instr('\n\x01' || q || '\n') and a prefix with
-- instr('\n\x01' || q), head and other members apart.
-- search_index_state records the version of these rules ('household_lookup'); opening a store
-- whose version differs rebuilds the table, which this migration's empty table always triggers.
CREATE TABLE household_lookup (
  household_id BIGINT PRIMARY KEY,
  region_path TEXT NOT NULL,
  number TEXT NOT NULL,
  number_key TEXT NOT NULL,
  address_key TEXT NOT NULL,
  names TEXT NOT NULL,
  pinyins TEXT NOT NULL,
  initials TEXT NOT NULL,
  phones TEXT NOT NULL,
  id_cards TEXT NOT NULL
);
CREATE INDEX household_lookup_region_path ON household_lookup (region_path text_pattern_ops);
