SELECT COUNT(*) FROM visits v
