UPDATE staff SET unit_id = $2, name = $3, title = $4, phone = $5, user_id = $6 WHERE id = $1
