SELECT COUNT(*) FROM residents r
