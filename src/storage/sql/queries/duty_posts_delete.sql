DELETE FROM duty_posts WHERE unit_id = $1 AND day = $2
