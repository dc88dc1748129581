SELECT p.day, p.user_id, p.post, COALESCE(NULLIF(u.display_name, ''), u.username, ''),
       COALESCE(b.number, 0)
FROM duty_posts p
LEFT JOIN users u ON u.id = p.user_id
LEFT JOIN duty_badges b ON b.unit_id = p.unit_id AND b.user_id = p.user_id
WHERE p.unit_id = $1 AND p.day >= $2 AND p.day <= $3
ORDER BY p.day, p.position
