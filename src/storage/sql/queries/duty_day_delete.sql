DELETE FROM duty_days WHERE unit_id = $1 AND day = $2
