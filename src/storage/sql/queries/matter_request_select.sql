SELECT id, matter_id, kind, state, unit_id, requested_by, requested_by_name, requested_at, reason,
       old_due_at, new_due_at, outcome, plan, planned_date, decided_by, decided_by_name,
       decided_at, decision_note
FROM matter_requests
WHERE matter_id = $1
ORDER BY requested_at, id
