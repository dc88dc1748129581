SELECT i.id, i.project_id, i.household_id, i.issue_class, i.text, i.owner, i.due_at, i.matter_id,
  i.decision_id, i.created_by, i.created_at, i.updated_at, COALESCE(m.number, ''), m.status,
  m.solved, COALESCE(m.confirmed_via, ''), COALESCE(d.text, ''), COALESCE(d.state, ''),
  dm.status, dm.solved, COALESCE(dm.confirmed_via, ''), COALESCE(dm.number, '')
FROM project_issues i
LEFT JOIN matters m ON m.id = i.matter_id
LEFT JOIN meeting_decisions d ON d.id = i.decision_id
LEFT JOIN matters dm ON dm.id = d.matter_id
