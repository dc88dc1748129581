SELECT l.id, l.member_id, l.household_id, l.kind, l.created_at, l.created_by, mr.name, h.number,
       h.address,
       COALESCE((SELECT r.name FROM residents r
                 WHERE r.household_id = h.id AND r.relation = '户主'
                 ORDER BY r.id LIMIT 1), '') AS head_name
FROM contact_links l
JOIN households h ON h.id = l.household_id
JOIN party_members m ON m.id = l.member_id
JOIN residents mr ON mr.id = m.resident_id
