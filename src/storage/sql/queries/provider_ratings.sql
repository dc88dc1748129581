SELECT m.unit_id, COUNT(*), SUM(m.rating), SUM(CASE WHEN m.rating >= 4 THEN 1 ELSE 0 END)
FROM matters m
JOIN service_providers p ON p.unit_id = m.unit_id
WHERE m.rating IS NOT NULL
  AND m.confirmed_via IN ('sms_code', 'resident_account', 'callback')
  AND (SELECT MAX(e.at) FROM matter_events e
       WHERE e.matter_id = m.id AND e.kind IN (8, 9)) BETWEEN $1 AND $2
GROUP BY m.unit_id
