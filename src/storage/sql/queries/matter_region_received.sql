SELECT COALESCE(SUM(s.received), 0) FROM matter_stats s
 WHERE s.dimension = $1 AND s.path LIKE $2 AND s.day >= $3
