SELECT COUNT(*) FROM (SELECT 1 FROM matter_search_tokens f CROSS JOIN matters m
