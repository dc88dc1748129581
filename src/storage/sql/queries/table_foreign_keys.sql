-- The foreign keys of table $1 that a bulk load may drop and add again (RegistryRepository::
-- BeginBulkLoad): their names and definitions. SQLite cannot drop a constraint, and checks
-- one with a look-up of the parent's key that costs little: none.
SELECT '', '' WHERE $1 IS NULL
