-- Booked appointments on one day (YYYY-MM-DD) not yet reminded.
SELECT a.id, a.matter_id, a.household_id, a.person_name, a.phone, a.purpose, s.date,
       s.start_time, s.end_time, s.unit_id, COALESCE(u.name, '')
FROM appointments a
JOIN time_slots s ON s.id = a.slot_id
LEFT JOIN units u ON u.id = s.unit_id
WHERE s.date = $1 AND a.status = 'booked'
  AND NOT EXISTS (
    SELECT 1 FROM reminders_sent r
    WHERE r.kind = $2 AND r.object_id = a.id AND r.recipient = '')
ORDER BY s.start_time, a.id
LIMIT $3
