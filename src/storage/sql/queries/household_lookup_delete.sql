DELETE FROM household_lookup WHERE household_id IN
