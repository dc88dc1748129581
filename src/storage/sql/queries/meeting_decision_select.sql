SELECT d.id, d.meeting_id, m.title, m.kind, d.text, d.owner_user_id,
  COALESCE(ou.display_name, ''), d.owner_unit_id, COALESCE(un.name, ''), d.deadline, d.state,
  d.result_note, d.matter_id, COALESCE(mt.number, ''), mt.status, d.region_path, d.done_by,
  d.done_at, d.created_at, mt.solved, COALESCE(mt.confirmed_via, '')
FROM meeting_decisions d
JOIN meetings m ON m.id = d.meeting_id
LEFT JOIN users ou ON ou.id = d.owner_user_id
LEFT JOIN units un ON un.id = d.owner_unit_id
LEFT JOIN matters mt ON mt.id = d.matter_id
