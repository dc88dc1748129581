-- Store::ArchiveMonthPartitions, PostgreSQL only (V062): archives the partitions of table $1
-- before the month $2 ('YYYY-MM-01'); how many.
SELECT minqing_archive_month_partitions($1, $2::date)::bigint
