SELECT code FROM household_card_codes WHERE household_id = $1
