SELECT n.id, n.pair_id, n.title, n.kind, n.detail, n.state, n.created_at
FROM pairing_needs n
