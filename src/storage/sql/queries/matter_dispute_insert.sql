INSERT INTO matter_disputes (id, matter_id, unit_id, raised_by, raised_at, reason_code, reason,
                             decided_by, decided_at, decided_unit_id, decision)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
