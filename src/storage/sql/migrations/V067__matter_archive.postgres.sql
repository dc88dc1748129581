-- Archiving matters on PostgreSQL (issue 19, part 3): the months of matters before a cutoff leave
-- the live tables together with everything that is part of them, into the schema minqing_archive
-- (V062 archives the audit log's months the same way).
--
-- A matter is referred to by other tables through foreign keys to matters (id). They are of two
-- kinds, told apart by the referring column:
-- - part of the matter (the column is NOT NULL or the row's key: its events, attachments, search
--   rows, sign-off code, callbacks, supervision orders, requests, assists, disputes): those rows
--   move to a table of the same name in minqing_archive;
-- - a link from a record that lives on by itself (nullable: an appointment, a proxy errand, a
--   window service and its rating, a project issue, a meeting decision): the record stays, its
--   link is kept in minqing_archive.matter_links and the column is cleared.
-- The foreign keys are read from the catalogue when archiving, so a table added later is handled
-- by the same rule.
--
-- Archiving is refused, with nothing changed, while a matter before the cutoff is open (a matter
-- that is still being handled never leaves) or a merge links a matter before the cutoff with one
-- after it (a duplicate and its target leave together or not at all). The counter cells of the
-- dashboard and of the rates are not touched: the months archived still count in them.

CREATE SCHEMA IF NOT EXISTS minqing_archive;

-- The links cleared on records that stay: which record (its table and key), which column, which
-- matter it named.
CREATE TABLE minqing_archive.matter_links (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  row_key TEXT NOT NULL,
  matter_id BIGINT NOT NULL,
  archived_at BIGINT NOT NULL,
  PRIMARY KEY (table_name, column_name, row_key, matter_id)
);

-- Moves the rows of `live` (a table in public) chosen by `condition` to the table of the same name
-- in minqing_archive, made on first use with the live table's columns (and given the columns the
-- live table gained since); returns how many rows moved.
CREATE FUNCTION minqing_move_to_archive(live TEXT, condition TEXT)
RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  columns TEXT;
  moved BIGINT;
  c RECORD;
BEGIN
  IF to_regclass(format('minqing_archive.%I', live)) IS NULL THEN
    EXECUTE format('CREATE TABLE minqing_archive.%I (LIKE public.%I INCLUDING DEFAULTS)', live,
                   live);
  END IF;
  FOR c IN SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
             FROM pg_attribute a
            WHERE a.attrelid = format('public.%I', live)::regclass AND a.attnum > 0
              AND NOT a.attisdropped
              AND NOT EXISTS (SELECT 1 FROM pg_attribute b
                               WHERE b.attrelid = format('minqing_archive.%I', live)::regclass
                                 AND b.attname = a.attname AND NOT b.attisdropped) LOOP
    EXECUTE format('ALTER TABLE minqing_archive.%I ADD COLUMN %I %s', live, c.attname, c.type);
  END LOOP;
  SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO columns
    FROM pg_attribute a
   WHERE a.attrelid = format('public.%I', live)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
  EXECUTE format('INSERT INTO minqing_archive.%I (%s) SELECT %s FROM public.%I WHERE %s', live,
                 columns, columns, live, condition);
  EXECUTE format('DELETE FROM public.%I WHERE %s', live, condition);
  GET DIAGNOSTICS moved = ROW_COUNT;
  RETURN moved;
END;
$$;

-- Archives the matters made before `before_month` (China's calendar month; the current month and
-- later are never archived): their month partitions are detached into minqing_archive and listed
-- in archived_partitions, the rows that are part of them move there too, and links to them from
-- records that stay are cleared and kept in minqing_archive.matter_links.
-- Returns one row: the partitions archived, the matters archived, and, when it refused (nothing
-- changed, no partition archived), the open matters and the matters merged across the cutoff
-- that kept it.
CREATE FUNCTION minqing_archive_matter_months(before_month DATE)
RETURNS TABLE (partitions INTEGER, matters BIGINT, open_matters BIGINT, merged_across BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
  this_month DATE := date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours')::date;
  cutoff DATE := date_trunc('month', before_month)::date;
  first_month DATE;
  bound BIGINT;
  k RECORD;
  r RECORD;
  key_column TEXT;
  month TEXT;
  now_epoch BIGINT := extract(epoch FROM now())::bigint;
  self_key TEXT;
BEGIN
  IF cutoff > this_month THEN
    RAISE EXCEPTION USING ERRCODE = '23514',
      MESSAGE = 'the current month and later are never archived';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('minqing_month_partitions'), hashtext('matters'));
  SELECT t.first_month INTO first_month FROM month_partitioned_tables t
   WHERE t.table_name = 'matters';
  partitions := 0;
  matters := 0;
  open_matters := 0;
  merged_across := 0;
  -- Partitions are whole months, and the early one holds everything before the first month: what
  -- leaves is every matter below the cutoff's first id, or nothing when the cutoff is before the
  -- first month (the early partition does not leave in part).
  IF cutoff < first_month THEN
    RETURN NEXT;
    RETURN;
  END IF;
  bound := minqing_month_first_id(cutoff);
  SELECT count(*), count(*) FILTER (WHERE m.status NOT IN (5, 6)) INTO matters, open_matters
    FROM public.matters m WHERE m.id < bound;
  SELECT count(*) INTO merged_across FROM public.matters m
   WHERE (m.id >= bound AND m.merged_into_id < bound)
      OR (m.id < bound AND m.merged_into_id >= bound);
  IF open_matters > 0 OR merged_across > 0 THEN
    matters := 0;
    RETURN NEXT;
    RETURN;
  END IF;

  -- Every other table's foreign key to matters, as declared (not the copies PostgreSQL keeps per
  -- partition).
  FOR k IN SELECT c.conrelid::regclass::text AS tbl, a.attname::text AS col, a.attnotnull AS required,
                  EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.conrelid
                             AND p.contype = 'p' AND c.conkey[1] = ANY (p.conkey)) AS keyed
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = 'public.matters'::regclass
              AND c.conrelid <> 'public.matters'::regclass AND c.conparentid = 0
            ORDER BY 1, 2 LOOP
    IF k.required OR k.keyed THEN
      -- Part of the matter. Nothing may refer to such a row in turn: it could not leave alone.
      IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.contype = 'f'
                    AND c.confrelid = k.tbl::regclass AND c.conparentid = 0) THEN
        RAISE EXCEPTION 'minqing_archive_matter_months: % is part of a matter and referred to; '
                        'archiving it is not supported', k.tbl;
      END IF;
      PERFORM minqing_move_to_archive(k.tbl, format('%I < %s', k.col, bound));
    ELSE
      SELECT a.attname::text INTO key_column
        FROM pg_constraint p JOIN pg_attribute a ON a.attrelid = p.conrelid
         AND a.attnum = p.conkey[1]
       WHERE p.conrelid = k.tbl::regclass AND p.contype = 'p' AND array_length(p.conkey, 1) = 1;
      IF key_column IS NULL THEN
        RAISE EXCEPTION 'minqing_archive_matter_months: % has no one-column key', k.tbl;
      END IF;
      EXECUTE format('INSERT INTO minqing_archive.matter_links '
                     '(table_name, column_name, row_key, matter_id, archived_at) '
                     'SELECT %L, %L, %I::text, %I, %s FROM public.%I WHERE %I < %s',
                     k.tbl, k.col, key_column, k.col, now_epoch, k.tbl, k.col, bound);
      EXECUTE format('UPDATE public.%I SET %I = NULL WHERE %I < %s', k.tbl, k.col, k.col, bound);
    END IF;
  END LOOP;

  -- The merges among the matters leaving stay in their rows; the self-reference would stop the
  -- partitions from being detached, so it is made again (and checked) once they are out.
  SELECT c.conname, pg_get_constraintdef(c.oid) INTO r FROM pg_constraint c
   WHERE c.contype = 'f' AND c.conrelid = 'public.matters'::regclass
     AND c.confrelid = 'public.matters'::regclass AND c.conparentid = 0;
  IF r.conname IS NOT NULL THEN
    self_key := format('ALTER TABLE public.matters ADD CONSTRAINT %I %s', r.conname,
                       r.pg_get_constraintdef);
    EXECUTE format('ALTER TABLE public.matters DROP CONSTRAINT %I', r.conname);
  END IF;
  FOR r IN SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'public.matters'::regclass ORDER BY c.relname LOOP
    IF r.name = 'matters_p_early' THEN
      month := '';
    ELSE
      month := to_char(to_date(right(r.name, 6), 'YYYYMM'), 'YYYY-MM');
      CONTINUE WHEN to_date(right(r.name, 6), 'YYYYMM') >= cutoff;
    END IF;
    EXECUTE format('ALTER TABLE public.matters DETACH PARTITION public.%I', r.name);
    EXECUTE format('ALTER TABLE public.%I SET SCHEMA minqing_archive', r.name);
    -- An archived month is a record: it keeps the ids it names (regions, categories, accounts)
    -- without holding those back from being changed or removed.
    FOR k IN SELECT c.conname FROM pg_constraint c
              WHERE c.conrelid = format('minqing_archive.%I', r.name)::regclass
                AND c.contype = 'f' LOOP
      EXECUTE format('ALTER TABLE minqing_archive.%I DROP CONSTRAINT %I', r.name, k.conname);
    END LOOP;
    INSERT INTO archived_partitions (partition_name, table_name, month, archived_at)
    VALUES (r.name, 'matters', month, now_epoch);
    partitions := partitions + 1;
  END LOOP;
  IF self_key IS NOT NULL THEN
    EXECUTE self_key;
  END IF;
  RETURN NEXT;
END;
$$;
