-- The engine's lower() of the upper-case ASCII letters (RegistryRepository::BeginBulkLoad): a bulk
-- load computes the look-up keys itself only when they come back as AsciiLower's.
SELECT lower('ABCDEFGHIJKLMNOPQRSTUVWXYZ')
