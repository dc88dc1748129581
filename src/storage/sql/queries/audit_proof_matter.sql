SELECT m.id, m.number, m.status, m.solved, m.rating, m.confirmed_via, m.closed_at
FROM matters m
