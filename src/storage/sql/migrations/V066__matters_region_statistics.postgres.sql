-- The matter list of one village in a province: PostgreSQL estimated the region path's prefix
-- range from 100 histogram buckets, about 4,000 times a village's real share of a month's
-- partition at 2M households (39,031 rows for a village of 484), so it walked the partition's
-- (accepted_at, id) index backwards, discarding 184,324 rows of other villages to find the newest
-- 20 (1.6 s), instead of reading the village's rows through the region index and sorting them
-- (9 ms). A finer histogram of region_path (1,000 buckets; ANALYZE samples 300,000 rows,
-- whatever the table's size) brings the estimate within a factor of ten and the plan with it.
ALTER TABLE matters ALTER COLUMN region_path SET STATISTICS 1000;

-- The planner reads each partition's own statistics: a month made from now on takes the
-- statistics targets its table's columns carry (CREATE TABLE ... PARTITION OF does not).
CREATE OR REPLACE FUNCTION minqing_make_partition(parent TEXT, part TEXT, low BIGINT, high BIGINT)
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  unique_columns TEXT;
  target RECORD;
BEGIN
  EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', part, parent,
                 coalesce(low::text, 'MINVALUE'), high);
  FOR target IN SELECT a.attname, a.attstattarget FROM pg_attribute a
                 WHERE a.attrelid = parent::regclass AND a.attnum > 0 AND NOT a.attisdropped
                   AND a.attstattarget > 0 LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET STATISTICS %s', part, target.attname,
                   target.attstattarget);
  END LOOP;
  SELECT t.unique_columns INTO unique_columns FROM month_partitioned_tables t
   WHERE t.table_name = parent;
  IF unique_columns <> '' THEN
    EXECUTE format('CREATE UNIQUE INDEX %I ON %I (%s)', part || '_unique', part, unique_columns);
  END IF;
  IF parent = 'audit_log' THEN
    EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', part);
  END IF;
END;
$$;

ANALYZE matters;
