SELECT i.id, i.project_id, i.household_id, i.issue_class, i.text, i.owner, i.due_at, i.matter_id,
  i.decision_ref, i.created_by, i.created_at, i.updated_at, COALESCE(m.number, ''), m.status,
  m.solved, COALESCE(m.confirmed_via, '')
FROM project_issues i
LEFT JOIN matters m ON m.id = i.matter_id
