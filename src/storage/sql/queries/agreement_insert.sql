INSERT INTO agreements (id, posting_id, year, title, created_at, created_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $5)
