SELECT p.id, p.unit_id, p.region_id, p.region_path, p.from_date, p.to_date, p.note, p.created_at,
       p.created_by, u.name, r.name
FROM pairing_pairs p
JOIN units u ON u.id = p.unit_id
JOIN regions r ON r.id = p.region_id
