-- Store::MonthPartitions, PostgreSQL only (V062): each partition of the tables partitioned by
-- month, attached or archived, the early one first, then by month, with PostgreSQL's row
-- estimate and its size on disk (indexes included).
SELECT p.table_name, p.partition_name,
       CASE WHEN p.partition_name LIKE '%\_p\_early' THEN ''
            ELSE to_char(to_date(right(p.partition_name, 6), 'YYYYMM'), 'YYYY-MM') END,
       greatest(c.reltuples, 0)::bigint, coalesce(pg_total_relation_size(c.oid), 0), p.archived
FROM (SELECT t.table_name, k.relname::text AS partition_name, k.oid, 0 AS archived
      FROM month_partitioned_tables t
      JOIN pg_inherits i ON i.inhparent = t.table_name::regclass
      JOIN pg_class k ON k.oid = i.inhrelid
      UNION ALL
      SELECT a.table_name, a.partition_name,
             to_regclass('minqing_archive.' || quote_ident(a.partition_name))::oid, 1
      FROM archived_partitions a) p
LEFT JOIN pg_class c ON c.oid = p.oid
ORDER BY p.table_name, p.partition_name LIKE '%\_p\_early' DESC, p.partition_name, p.archived
