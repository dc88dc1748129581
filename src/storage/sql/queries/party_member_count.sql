SELECT COUNT(*)
FROM party_members m
JOIN residents r ON r.id = m.resident_id
