-- The member values of household_lookup rows (storage/lookup_index.cpp); the household ids
-- follow in an IN list.
SELECT r.household_id, r.relation, r.name, r.pinyin_key, r.initials, r.phone, r.id_card
FROM residents r WHERE r.household_id IN
