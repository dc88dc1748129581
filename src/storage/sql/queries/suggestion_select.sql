SELECT x.id, x.unit_id, COALESCE(un.name, ''), x.region_path, x.content, x.contact, x.status,
  x.note, x.handled_by, COALESCE(hu.display_name, ''), x.handled_at, x.created_at
FROM suggestions x
LEFT JOIN units un ON un.id = x.unit_id
LEFT JOIN users hu ON hu.id = x.handled_by
