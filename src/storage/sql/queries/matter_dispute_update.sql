UPDATE matter_disputes
SET decided_by = $8, decided_at = $9, decided_unit_id = $10, decision = $11
WHERE id = $1 AND matter_id = $2 AND unit_id = $3 AND raised_by = $4 AND raised_at = $5
  AND reason_code = $6 AND reason = $7
