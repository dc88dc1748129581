SELECT COUNT(*) FROM (SELECT 1 FROM matter_search_tokens f
WHERE f.matter_search_tokens MATCH $1 LIMIT $2) c
