-- Partitions by month on PostgreSQL (issue 19, part 3): matters, matter_events and audit_log are
-- partitioned by RANGE of their id. Ids are time-ordered (domain/ids.hpp: milliseconds since
-- 2020-01-01 UTC, shifted left by 12 bits), so the ids made in one month are one range and a
-- month's partition is that range: the primary keys stay `id` alone, every foreign key to
-- matters (id) keeps working, a look-up by id reads one partition, and a list that starts at a
-- day skips the months before it (a matter's id is made no earlier than its acceptance,
-- domain::NewIdNotBefore). Months are China's (UTC+8) calendar months. Rows made before the
-- first month that has a partition (data older than this migration, tests' small ids) live in
-- the table's `_p_early` partition. minqing_ensure_month_partitions() makes the months ahead (the
-- migration makes three; the server's daily job keeps three ahead); a row whose month has no
-- partition is refused, it is never put somewhere else.
--
-- A unique key that does not contain the id (a matter's number) is unique within each partition
-- (PostgreSQL cannot index a partitioned table uniquely on other columns); it is also made unique
-- by how it is assigned (the day's serial, under a lock), which is what keeps it unique across
-- months.

CREATE TABLE month_partitioned_tables (
  table_name TEXT PRIMARY KEY,
  -- The first month with its own partition; ids below it are in the early partition.
  first_month DATE NOT NULL,
  -- Columns unique within each partition, "" for none.
  unique_columns TEXT NOT NULL DEFAULT ''
);

-- The first id made at the start (00:00 China time) of `month`'s first day.
CREATE FUNCTION minqing_month_first_id(month DATE) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
  SELECT ((extract(epoch FROM date_trunc('month', month::timestamp))::bigint - 28800) * 1000
          - 1577836800000) << 12
$$;

-- The China calendar month an id was made in.
CREATE FUNCTION minqing_id_month(id BIGINT) RETURNS DATE LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', to_timestamp(((id >> 12) + 1577836800000) / 1000.0 + 28800)
                    AT TIME ZONE 'UTC')::date
$$;

-- Makes one partition of `parent` for ids in [low, high) (NULL low: everything below high), with
-- the table's per-partition unique indexes and, for the audit log, the refusal of TRUNCATE
-- (a statement trigger on the parent does not fire for a partition truncated on its own).
CREATE FUNCTION minqing_make_partition(parent TEXT, part TEXT, low BIGINT, high BIGINT)
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  unique_columns TEXT;
BEGIN
  EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', part, parent,
                 coalesce(low::text, 'MINVALUE'), high);
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

-- Makes the monthly partitions of `parent` from `from_month` to `to_month` that do not exist yet
-- (months before the table's first month are in its early partition); returns how many it made.
-- Safe to call from several processes at once.
CREATE FUNCTION minqing_ensure_month_partitions(parent TEXT, from_month DATE, to_month DATE)
RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  first_month DATE;
  month DATE;
  part TEXT;
  made INTEGER := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('minqing_month_partitions'), hashtext(parent));
  SELECT t.first_month INTO first_month FROM month_partitioned_tables t
   WHERE t.table_name = parent;
  IF first_month IS NULL THEN
    RAISE EXCEPTION '% is not partitioned by month', parent;
  END IF;
  month := greatest(date_trunc('month', from_month)::date, first_month);
  WHILE month <= to_month LOOP
    part := format('%s_p%s', parent, to_char(month, 'YYYYMM'));
    IF to_regclass(part) IS NULL THEN
      PERFORM minqing_make_partition(parent, part, minqing_month_first_id(month),
                                     minqing_month_first_id((month + interval '1 month')::date));
      made := made + 1;
    END IF;
    month := (month + interval '1 month')::date;
  END LOOP;
  RETURN made;
END;
$$;

-- Turns the plain table `parent` into one partitioned by month of its id, with the same columns,
-- checks, defaults, indexes and foreign keys (its own and those of other tables that refer to it)
-- and the same rows. `unique_columns` names the unique key kept per partition.
CREATE FUNCTION minqing_partition_by_month(parent TEXT, unique_columns TEXT)
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  old TEXT := parent || '_unpartitioned';
  this_month DATE := date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours')::date;
  first_month DATE;
  last_month DATE;
  index_defs TEXT[];
  own_keys TEXT[];
  referring_keys TEXT[];
  r RECORD;
  statement TEXT;
BEGIN
  -- What to make again on the new table, read while the names still point at the old one (the
  -- foreign keys as declared: not the copies PostgreSQL keeps per partition of a partitioned
  -- table, conparentid <> 0).
  SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO index_defs
    FROM pg_index i
   WHERE i.indrelid = parent::regclass AND NOT i.indisprimary
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                        AND c.contype = 'u')
     AND NOT (i.indisunique AND unique_columns <> '');
  SELECT coalesce(array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass,
                                   c.conname, pg_get_constraintdef(c.oid))), '{}')
    INTO own_keys
    FROM pg_constraint c
   WHERE c.contype = 'f' AND c.conrelid = parent::regclass AND c.conparentid = 0;
  SELECT coalesce(array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass,
                                   c.conname, pg_get_constraintdef(c.oid))), '{}')
    INTO referring_keys
    FROM pg_constraint c
   WHERE c.contype = 'f' AND c.confrelid = parent::regclass AND c.conrelid <> parent::regclass
     AND c.conparentid = 0;
  FOR r IN SELECT c.conrelid::regclass AS tbl, c.conname FROM pg_constraint c
            WHERE c.contype = 'f' AND c.confrelid = parent::regclass
              AND c.conrelid <> parent::regclass AND c.conparentid = 0 LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
  END LOOP;

  -- The old table keeps its rows under another name until they are copied; its indexes go now,
  -- so that the new table's get their names.
  EXECUTE format('ALTER TABLE %I RENAME TO %I', parent, old);
  EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', old, parent || '_pkey',
                 old || '_pkey');
  FOR r IN SELECT c.conname FROM pg_constraint c
            WHERE c.conrelid = old::regclass AND c.contype = 'u' LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', old, r.conname);
  END LOOP;
  FOR r IN SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid = old::regclass AND NOT i.indisprimary LOOP
    EXECUTE format('DROP INDEX %I', r.relname);
  END LOOP;

  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                 'PARTITION BY RANGE (id)', parent, old);
  EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (id)', parent);

  -- Months from the oldest row's (ids from 2020-02 on; smaller ones are not times) to three
  -- months ahead.
  EXECUTE format('SELECT min(id), max(id) FROM %I WHERE id >= %s', old,
                 minqing_month_first_id('2020-02-01'))
    INTO r;
  first_month := least(this_month, coalesce(minqing_id_month(r.min), this_month));
  last_month := greatest((this_month + interval '3 months')::date,
                         coalesce(minqing_id_month(r.max), this_month));
  INSERT INTO month_partitioned_tables (table_name, first_month, unique_columns)
  VALUES (parent, first_month, unique_columns);
  PERFORM minqing_make_partition(parent, parent || '_p_early', NULL,
                                 minqing_month_first_id(first_month));
  PERFORM minqing_ensure_month_partitions(parent, first_month, last_month);

  EXECUTE format('INSERT INTO %I SELECT * FROM %I', parent, old);
  FOREACH statement IN ARRAY index_defs LOOP
    EXECUTE statement;
  END LOOP;
  FOREACH statement IN ARRAY own_keys LOOP
    EXECUTE statement;
  END LOOP;
  EXECUTE format('DROP TABLE %I', old);
  FOREACH statement IN ARRAY referring_keys LOOP
    EXECUTE statement;
  END LOOP;
END;
$$;

-- Partitions taken out of their table (minqing_archive_month_partitions): kept in the schema
-- minqing_archive, where they no longer weigh on the live table's indexes and plans and from
-- where an operator may dump them (pg_dump -n minqing_archive) to keep them elsewhere.
CREATE TABLE archived_partitions (
  partition_name TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,
  -- 'YYYY-MM', '' for the early partition.
  month TEXT NOT NULL,
  archived_at BIGINT NOT NULL
);

-- Archives the partitions of `parent` for the months before `before_month` (and its early
-- partition when that is before the first month too): each is detached and moved to the schema minqing_archive, keeps refusing change,
-- deletion and truncation if it is the audit log's, and is listed in archived_partitions.
-- Only the audit log can be archived: a month of matters is referred to by fifteen tables
-- (events, search rows, sign-off codes, ratings...) and cannot leave alone. The current month
-- and later are never archived. Returns how many partitions were archived.
CREATE FUNCTION minqing_archive_month_partitions(parent TEXT, before_month DATE)
RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  this_month DATE := date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours')::date;
  cutoff DATE := date_trunc('month', before_month)::date;
  first_month DATE;
  r RECORD;
  month TEXT;
  archived INTEGER := 0;
BEGIN
  IF parent <> 'audit_log' THEN
    RAISE EXCEPTION USING ERRCODE = '22023',
      MESSAGE = 'only audit_log partitions can be archived, not ' || parent;
  END IF;
  IF cutoff > this_month THEN
    RAISE EXCEPTION USING ERRCODE = '23514',
      MESSAGE = 'the current month and later are never archived';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('minqing_month_partitions'), hashtext(parent));
  SELECT t.first_month INTO first_month FROM month_partitioned_tables t
   WHERE t.table_name = parent;
  CREATE SCHEMA IF NOT EXISTS minqing_archive;
  FOR r IN SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = parent::regclass ORDER BY c.relname LOOP
    IF r.name = parent || '_p_early' THEN
      -- Everything before the first month: only when the whole of it is before the cutoff.
      CONTINUE WHEN cutoff < first_month;
      month := '';
    ELSE
      month := to_char(to_date(right(r.name, 6), 'YYYYMM'), 'YYYY-MM');
      CONTINUE WHEN to_date(right(r.name, 6), 'YYYYMM') >= cutoff;
    END IF;
    EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, r.name);
    EXECUTE format('ALTER TABLE %I SET SCHEMA minqing_archive', r.name);
    -- Detaching drops the row trigger cloned from the parent.
    EXECUTE format('CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON '
                   'minqing_archive.%I FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()',
                   r.name);
    INSERT INTO archived_partitions (partition_name, table_name, month, archived_at)
    VALUES (r.name, parent, month, extract(epoch FROM now())::bigint);
    archived := archived + 1;
  END LOOP;
  RETURN archived;
END;
$$;

-- The audit log's append-only triggers go with the old table; the new ones refuse the same on
-- the partitioned table (the row trigger is copied onto every partition; TRUNCATE per partition
-- by minqing_make_partition).
SELECT minqing_partition_by_month('matters', 'number');
SELECT minqing_partition_by_month('matter_events', '');
SELECT minqing_partition_by_month('audit_log', '');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

ANALYZE matters;
ANALYZE matter_events;
ANALYZE audit_log;
