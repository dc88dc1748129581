INSERT INTO staff (id, unit_id, name, title, phone, user_id) VALUES ($1, $2, $3, $4, $5, $6)
