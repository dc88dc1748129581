SELECT u.id, u.name, u.region_id, COALESCE(g.path, '')
FROM units u
LEFT JOIN regions g ON g.id = u.region_id
WHERE u.kind = 2
ORDER BY COALESCE(g.path, ''), u.name, u.id
