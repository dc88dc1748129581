SELECT v.id, v.region_id, v.region_path, v.assessed_user_id, v.posting_id, v.title, v.year,
       v.report, v.scorecard, v.opens_at, v.closes_at, v.state, v.issued_at, v.printed, v.texted,
       v.created_by, v.created_at, v.updated_at, v.published_at, g.name,
       COALESCE(NULLIF(u.display_name, ''), u.username)
FROM vote_sessions v
JOIN regions g ON g.id = v.region_id
JOIN users u ON u.id = v.assessed_user_id
