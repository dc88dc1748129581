SELECT m.id, m.resident_id, m.org_id, m.region_path, m.status, m.away, m.can_take_households,
       m.capacity, m.joined_on, r.name, r.phone, o.name, m.away_to
FROM party_members m
JOIN residents r ON r.id = m.resident_id
JOIN party_orgs o ON o.id = m.org_id
