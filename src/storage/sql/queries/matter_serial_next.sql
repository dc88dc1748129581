INSERT INTO matter_day_serials (day, last) VALUES ($1, 1)
ON CONFLICT (day) DO UPDATE SET last = matter_day_serials.last + 1
RETURNING last
