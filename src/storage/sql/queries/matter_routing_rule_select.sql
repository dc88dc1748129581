SELECT r.id, r.category_id, r.region_path, r.unit_id, r.completion_days
FROM routing_rules r
ORDER BY r.category_id, r.region_path, r.id
