SELECT COUNT(*) FROM (SELECT 1 FROM matter_search_text f
WHERE f.tokens @@ CAST($1 AS tsquery) LIMIT $2) c
