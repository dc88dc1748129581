INSERT INTO duty_posts (unit_id, day, user_id, post, position) VALUES ($1, $2, $3, $4, $5)
