SELECT s.id, s.token, s.service_key, s.kind, s.clerk_id, COALESCE(cu.display_name, ''), s.unit_id,
  COALESCE(un.name, ''), s.region_path, s.matter_id, COALESCE(m.number, ''), s.appointment_id,
  s.served_at, r.stars, COALESCE(r.comment, ''), COALESCE(r.channel, ''), r.rated_at
FROM window_services s
JOIN users cu ON cu.id = s.clerk_id
LEFT JOIN units un ON un.id = s.unit_id
LEFT JOIN matters m ON m.id = s.matter_id
LEFT JOIN window_ratings r ON r.service_id = s.id
