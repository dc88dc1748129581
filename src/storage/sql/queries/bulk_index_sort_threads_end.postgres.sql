-- After a bulk load built its indexes: nothing was changed on PostgreSQL.
SELECT 1
