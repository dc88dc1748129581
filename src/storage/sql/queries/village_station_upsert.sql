INSERT INTO village_stations (region_id, place, hours, phone, assistant_user_id)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (region_id) DO UPDATE SET
  place = excluded.place,
  hours = excluded.hours,
  phone = excluded.phone,
  assistant_user_id = excluded.assistant_user_id
