INSERT INTO notifications (id, user_id, kind, title, body, object_type, object_id, link,
  created_at, read_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
