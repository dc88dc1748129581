SELECT number FROM duty_badges WHERE unit_id = $1 AND user_id = $2
