SELECT u.id, u.name, u.region_id, COALESCE(g.path, '')
FROM units u
LEFT JOIN regions g ON g.id = u.region_id
WHERE u.region_id = $1 AND u.kind = 2
ORDER BY u.id
LIMIT 1
