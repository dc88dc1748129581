SELECT id, household_id, id_card FROM residents WHERE id > $1 AND id_card <> '' ORDER BY id LIMIT $2
