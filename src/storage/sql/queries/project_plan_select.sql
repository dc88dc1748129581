SELECT p.project_id, p.household_id, p.needs, p.measures, p.owner, p.status, p.updated_at
FROM project_plans p
JOIN households h ON h.id = p.household_id
WHERE p.project_id = $1
ORDER BY h.number
