INSERT INTO supervision_orders (id, matter_id, issued_by, note, issued_at, due_at, done_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
