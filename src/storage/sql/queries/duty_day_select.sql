SELECT d.unit_id, d.day, d.leader_user_id, COALESCE(NULLIF(u.display_name, ''), u.username, ''),
       COALESCE(b.number, 0)
FROM duty_days d
LEFT JOIN users u ON u.id = d.leader_user_id
LEFT JOIN duty_badges b ON b.unit_id = d.unit_id AND b.user_id = d.leader_user_id
WHERE d.unit_id = $1 AND d.day >= $2 AND d.day <= $3
ORDER BY d.day
