SELECT COUNT(*) FROM meetings m
