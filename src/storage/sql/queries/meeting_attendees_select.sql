SELECT id, kind, unit_id, resident_id, name, organisation
FROM meeting_attendees WHERE meeting_id = $1 ORDER BY id
