SELECT s.id, s.unit_id, s.name, s.title, s.phone, s.user_id FROM staff s
