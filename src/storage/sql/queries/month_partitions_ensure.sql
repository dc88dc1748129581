-- Store::EnsureMonthPartitions, PostgreSQL only (V062): the month partitions from the month of
-- $1 to the month of $2 ('YYYY-MM-01') of every table partitioned by month that do not exist
-- yet; how many were made.
SELECT coalesce(sum(minqing_ensure_month_partitions(table_name, $1::date, $2::date)), 0)::bigint
FROM month_partitioned_tables
