SELECT DISTINCT level FROM regions ORDER BY level
