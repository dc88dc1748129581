SELECT region_id, place, hours, phone, assistant_user_id
FROM village_stations
WHERE region_id = $1
