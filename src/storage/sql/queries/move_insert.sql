INSERT INTO resident_moves (id, resident_id, from_household_id, to_household_id, reason, at,
                            by_user_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
