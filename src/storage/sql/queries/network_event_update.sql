UPDATE household_events
SET kind = $2, event_date = $3, note = $4, member_id = $5, attended_at = $6, attendance_note = $7
WHERE id = $1
