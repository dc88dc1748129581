SELECT u.id, u.name, u.kind, u.region_id, u.phone, u.office_hours,
       (SELECT COUNT(*) FROM staff s WHERE s.unit_id = u.id) AS staff_count
FROM units u
