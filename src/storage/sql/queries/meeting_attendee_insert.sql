INSERT INTO meeting_attendees (id, meeting_id, kind, unit_id, resident_id, name, organisation)
VALUES ($1, $2, $3, $4, $5, $6, $7)
