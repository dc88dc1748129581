SELECT m.id, m.number, m.rating, m.solved, m.confirmed_via, s.signed_at
FROM matters m
JOIN (SELECT e.matter_id, MAX(e.at) AS signed_at FROM matter_events e
      WHERE e.kind IN (8, 9) GROUP BY e.matter_id) s ON s.matter_id = m.id
WHERE m.unit_id = $1 AND m.rating IS NOT NULL
  AND m.confirmed_via IN ('sms_code', 'resident_account', 'callback')
  AND s.signed_at BETWEEN $2 AND $3
ORDER BY s.signed_at DESC, m.id DESC
LIMIT 200
