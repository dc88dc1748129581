SELECT d.date, d.kind, d.name FROM calendar_days d ORDER BY d.date
