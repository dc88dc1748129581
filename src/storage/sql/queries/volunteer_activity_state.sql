UPDATE volunteer_activities SET state = $2 WHERE id = $1
