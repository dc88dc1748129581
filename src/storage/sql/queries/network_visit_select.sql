SELECT v.id, v.household_id, v.region_path, v.visitor_user_id, v.visitor_kind, v.member_id,
       v.kind, v.visited_at, v.learned, v.problems, v.help, v.matter_ids, v.corrects_id,
       v.household_event_id, v.notice_id, v.confirmed_at, v.confirmed_via, v.created_at, v.grade,
       v.review_comment, v.reviewed_by,
       CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.username END AS visitor_name,
       h.address,
       COALESCE((SELECT r.name FROM residents r
                 WHERE r.household_id = h.id AND r.relation = '户主'
                 ORDER BY r.id LIMIT 1), '') AS head_name,
       v.way
FROM visits v
JOIN households h ON h.id = v.household_id
JOIN users u ON u.id = v.visitor_user_id
