SELECT COUNT(*) FROM notifications WHERE id = $2 AND user_id = $1
