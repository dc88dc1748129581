-- Store::ArchiveMatterMonths, PostgreSQL only (V067): archives the matters made before the month
-- $1 ('YYYY-MM-01'); the partitions and matters archived, or the open matters and the merges
-- across the cutoff that refused it.
SELECT partitions::bigint, matters, open_matters, merged_across
FROM minqing_archive_matter_months($1::date)
