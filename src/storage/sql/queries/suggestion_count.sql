SELECT COUNT(*) FROM suggestions x
