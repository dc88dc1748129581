-- Serialises concurrent migrators; SQLite needs nothing beyond BEGIN IMMEDIATE.
SELECT 1
