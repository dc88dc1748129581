-- minqing doctor, PostgreSQL only (V062): the tables partitioned by month that have no partition
-- for next month (China time) yet.
SELECT t.table_name FROM month_partitioned_tables t
WHERE to_regclass(t.table_name || '_p' ||
                  to_char(date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours')
                          + interval '1 month', 'YYYYMM')) IS NULL
ORDER BY t.table_name
