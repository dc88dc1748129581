INSERT INTO household_card_codes (household_id, code) VALUES ($1, $2)
ON CONFLICT (household_id) DO UPDATE SET code = excluded.code
