INSERT INTO time_slots (id, unit_id, date, start_time, end_time, capacity, staff_user_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
