UPDATE matter_day_serials SET last = $2 WHERE day = $1
