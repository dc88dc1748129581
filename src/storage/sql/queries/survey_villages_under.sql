SELECT id, path FROM regions WHERE path LIKE $1 AND level = 3 ORDER BY path
