SELECT m.id, m.kind, m.title, m.date, m.start_time, m.end_time, m.place, m.region_id,
  m.region_path, COALESCE(r.name, ''), m.host_user_id, COALESCE(hu.display_name, ''),
  m.host_unit_id, COALESCE(un.name, ''), m.project_id, m.minutes, m.state, m.slot_id,
  m.created_by, m.created_at, m.updated_at
FROM meetings m
LEFT JOIN regions r ON r.id = m.region_id
LEFT JOIN users hu ON hu.id = m.host_user_id
LEFT JOIN units un ON un.id = m.host_unit_id
