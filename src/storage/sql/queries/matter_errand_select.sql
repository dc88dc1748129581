SELECT e.id, e.matter_id, e.household_id, e.assistant_id, e.purpose, e.status, e.created_at,
       e.updated_at, COALESCE(h.number, ''), COALESCE(h.address, ''),
       COALESCE((SELECT r.name FROM residents r
                 WHERE r.household_id = e.household_id AND r.relation = '户主'
                 ORDER BY r.id LIMIT 1), ''),
       COALESCE(m.number, ''), COALESCE(u.display_name, '')
FROM proxy_errands e
LEFT JOIN households h ON h.id = e.household_id
LEFT JOIN matters m ON m.id = e.matter_id
LEFT JOIN users u ON u.id = e.assistant_id
