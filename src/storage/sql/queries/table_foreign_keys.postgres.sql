-- The foreign keys of table $1 that a bulk load may drop and add again (RegistryRepository::
-- BeginBulkLoad): their names and definitions. COPY checks each row against the parent with a
-- trigger, a third of a first roster's time; adding the constraint back checks all rows with
-- one join. Only keys to the loaded tables themselves, which the load holds locked anyway:
-- dropping a key to regions would lock regions, and every screen reads them, for the whole load.
SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
WHERE c.conrelid = to_regclass($1) AND c.contype = 'f'
  AND c.confrelid IN (to_regclass('households'), to_regclass('residents'))
ORDER BY c.conname
