SELECT s.id, s.pair_id, s.kind, s.description, s.state, s.created_at
FROM pairing_resources s
