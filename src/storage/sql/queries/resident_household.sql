SELECT household_id FROM residents WHERE id = $1
