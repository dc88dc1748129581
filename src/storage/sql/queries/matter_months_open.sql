-- Store::ArchiveMonthPartitions("matters"), PostgreSQL only (V067): the numbers of the first open
-- matters made before the month $1 ('YYYY-MM-01'), which keep it from being archived.
SELECT number FROM matters
WHERE id < minqing_month_first_id($1::date) AND status NOT IN (5, 6)
ORDER BY id LIMIT 5
