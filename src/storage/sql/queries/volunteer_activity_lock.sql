UPDATE volunteer_activities SET version = version + 1 WHERE id = $1
