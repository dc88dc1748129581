SELECT s.id, s.unit_id, s.date, s.start_time, s.end_time, s.capacity,
       (SELECT COUNT(*) FROM appointments a
        WHERE a.slot_id = s.id AND a.status <> 'cancelled') AS booked,
       s.staff_user_id
FROM time_slots s
