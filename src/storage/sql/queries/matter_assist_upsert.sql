INSERT INTO matter_assists (matter_id, unit_id, status, added_by, added_at, accepted_at,
                            accepted_by, reported_at, reported_by, report)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (matter_id, unit_id) DO UPDATE SET
  status = excluded.status, accepted_at = excluded.accepted_at,
  accepted_by = excluded.accepted_by, reported_at = excluded.reported_at,
  reported_by = excluded.reported_by, report = excluded.report
