SELECT COUNT(*) FROM matters m
