SELECT e.id, e.household_id, e.region_path, e.kind, e.event_date, e.note, e.recorded_by,
       e.recorded_at, e.member_id, e.attended_at, e.attendance_note
FROM household_events e
