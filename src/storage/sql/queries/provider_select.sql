SELECT p.unit_id, u.name, u.phone, p.commitments, p.joined, p.state, p.state_reason, p.state_by,
       p.state_at, p.created_at, p.created_by, p.updated_at, p.updated_by
FROM service_providers p
JOIN units u ON u.id = p.unit_id
