DELETE FROM meeting_attendees WHERE meeting_id = $1
