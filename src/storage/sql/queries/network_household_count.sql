SELECT COUNT(*) FROM households h
