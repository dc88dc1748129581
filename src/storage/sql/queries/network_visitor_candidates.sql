SELECT u.id, CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.username END AS name,
       u.role, u.scope_region_path
FROM users u
WHERE u.active = 1 AND u.scope_region_path LIKE $1
  AND (u.display_name LIKE $2 ESCAPE '\' OR u.username LIKE $2 ESCAPE '\')
ORDER BY name, u.id
LIMIT $3
