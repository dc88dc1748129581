-- Visit confirmations name their channel: "phone_code" (one-time code sent to the household
-- head's phone; written "phone" before), "household_account" (the household's own login), and
-- "card_code" kept as is for entries confirmed by the static card code, which no longer counts as
-- the household's confirmation.
UPDATE visits SET confirmed_via = 'phone_code' WHERE confirmed_via = 'phone';
