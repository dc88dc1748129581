SELECT COUNT(*) FROM notifications n
