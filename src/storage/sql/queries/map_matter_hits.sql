SELECT m.id, m.number, m.title, m.status, COALESCE(c.name, ''), m.caller_name, m.accepted_at,
       COALESCE(h.number, ''), COALESCE(g.name, '')
FROM matters m
LEFT JOIN households h ON h.id = m.household_id
LEFT JOIN matter_categories c ON c.id = m.category_id
LEFT JOIN regions g ON g.id = m.region_id
