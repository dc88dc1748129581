INSERT INTO agreement_items (agreement_id, position, kind, label, target, unit, weight)
VALUES ($1, $2, $3, $4, $5, $6, $7)
