SELECT r.id, r.parent_id, r.level, r.code, r.name, r.path, r.lat, r.lng,
       (SELECT COUNT(*) FROM regions c WHERE c.parent_id = r.id) AS child_count
FROM regions r
