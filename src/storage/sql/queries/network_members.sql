-- A member without a household is placed in their party organisation's region.
SELECT m.id, m.resident_id, r.household_id, COALESCE(h.region_id, o.region_id) AS region_id,
       h.lat, h.lng, m.away, m.can_take_households, m.capacity, r.birth_date, r.name, m.org_id
FROM party_members m
JOIN residents r ON r.id = m.resident_id
JOIN party_orgs o ON o.id = m.org_id
LEFT JOIN households h ON h.id = r.household_id
WHERE m.region_path LIKE $1
ORDER BY m.id
