SELECT household_id FROM household_card_codes WHERE code = $1
