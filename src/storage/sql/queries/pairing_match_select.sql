SELECT m.id, m.pair_id, m.need_id, m.resource_id, m.note, m.created_at, m.created_by,
       COALESCE(NULLIF(u.display_name, ''), u.username, ''), m.done_at
FROM pairing_matches m
LEFT JOIN users u ON u.id = m.created_by
