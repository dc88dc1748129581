INSERT INTO matter_requests (id, matter_id, kind, state, unit_id, requested_by, requested_by_name,
                             requested_at, reason, old_due_at, new_due_at, outcome, plan,
                             planned_date, decided_by, decided_by_name, decided_at, decision_note)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
