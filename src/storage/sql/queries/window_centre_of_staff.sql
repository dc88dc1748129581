SELECT u.id, u.name, u.region_id, COALESCE(g.path, '')
FROM staff st
JOIN units u ON u.id = st.unit_id
LEFT JOIN regions g ON g.id = u.region_id
WHERE st.user_id = $1 AND u.kind = 2
ORDER BY u.id
LIMIT 1
