SELECT COUNT(*)
FROM window_services s
JOIN window_ratings r ON r.service_id = s.id
