SELECT id, resident_id, from_household_id, to_household_id, reason, at, by_user_id
FROM resident_moves
WHERE from_household_id = $1 OR to_household_id = $1
ORDER BY at DESC, id DESC
