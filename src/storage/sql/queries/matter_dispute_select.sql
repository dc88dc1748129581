SELECT d.id, d.matter_id, d.unit_id, COALESCE(u.name, '') AS unit_name, d.raised_by, d.raised_at,
       d.reason_code, d.reason, d.decided_by, d.decided_at, d.decided_unit_id,
       COALESCE(du.name, '') AS decided_unit_name, d.decision, m.number, m.title
FROM matter_disputes d JOIN matters m ON m.id = d.matter_id
LEFT JOIN units u ON u.id = d.unit_id
LEFT JOIN units du ON du.id = d.decided_unit_id
