SELECT m.id FROM matters m WHERE m.id > $1 ORDER BY m.id LIMIT $2
