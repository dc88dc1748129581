SELECT a.matter_id, a.unit_id, COALESCE(u.name, '') AS unit_name, a.status, a.added_by,
       a.added_at, a.accepted_at, a.accepted_by, a.reported_at, a.reported_by, a.report
FROM matter_assists a LEFT JOIN units u ON u.id = a.unit_id
WHERE a.matter_id = $1
ORDER BY a.added_at, a.unit_id
