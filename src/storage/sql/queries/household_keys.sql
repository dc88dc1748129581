SELECT id, region_id, number FROM households WHERE id > $1 ORDER BY id LIMIT $2
