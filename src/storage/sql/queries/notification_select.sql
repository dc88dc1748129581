SELECT n.id, n.user_id, n.kind, n.title, n.body, n.object_type, n.object_id, n.link,
  n.created_at, n.read_at
FROM notifications n
