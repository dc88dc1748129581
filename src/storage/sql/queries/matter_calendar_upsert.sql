INSERT INTO calendar_days (date, kind, name) VALUES ($1, $2, $3)
ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name
