SELECT s.id, s.title, s.description, s.subject, s.subject_text, s.subject_user_id, s.region_id,
       s.region_path, s.opens_on, s.closes_on, s.state, s.token_key, s.created_by, s.created_at,
       s.updated_at, g.name, COALESCE(NULLIF(u.display_name, ''), u.username, '')
FROM surveys s
JOIN regions g ON g.id = s.region_id
LEFT JOIN users u ON u.id = s.subject_user_id
