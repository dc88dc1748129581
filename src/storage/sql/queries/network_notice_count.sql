SELECT COUNT(*) FROM notices n
