SELECT n.user_id, SUM(CASE WHEN n.read_at IS NULL THEN 1 ELSE 0 END), MAX(n.id)
FROM notifications n
