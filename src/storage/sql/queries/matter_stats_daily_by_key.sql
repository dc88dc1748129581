SELECT s.day, s.key_id, CAST(SUM(s.received) AS BIGINT)
FROM matter_stats s
WHERE s.dimension = $1 AND s.day >= $2 AND s.day <= $3
