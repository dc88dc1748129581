UPDATE volunteer_signups SET attended = 1 WHERE activity_id = $1 AND volunteer_id = $2
