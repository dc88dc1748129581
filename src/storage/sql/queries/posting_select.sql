SELECT p.id, p.user_id, COALESCE(NULLIF(u.display_name, ''), u.username), u.phone, p.home_unit,
       p.region_id, p.region_path, r.name, p.role, p.team, p.from_date, p.to_date, p.note,
       p.created_at, p.created_by, p.ended_at, p.ended_by
FROM postings p
JOIN users u ON u.id = p.user_id
JOIN regions r ON r.id = p.region_id
