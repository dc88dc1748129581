INSERT INTO volunteers (id, team_id, resident_id, name, phone, joined, active, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
