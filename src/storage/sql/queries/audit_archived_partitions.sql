-- The audit log's archived partitions still in the database (V062, PostgreSQL only), which the
-- chain still covers; one an operator dropped shows as deleted entries.
SELECT partition_name FROM archived_partitions
WHERE table_name = 'audit_log'
  AND to_regclass('minqing_archive.' || quote_ident(partition_name)) IS NOT NULL
ORDER BY partition_name
