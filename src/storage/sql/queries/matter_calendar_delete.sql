DELETE FROM calendar_days WHERE date = $1
