SELECT s.key_id, s.key2,
       CAST(SUM(s.received) AS BIGINT), CAST(SUM(s.responded) AS BIGINT),
       CAST(SUM(s.responded_on_time) AS BIGINT), CAST(SUM(s.replied) AS BIGINT),
       CAST(SUM(s.replied_on_time) AS BIGINT), CAST(SUM(s.rated) AS BIGINT),
       CAST(SUM(s.solved) AS BIGINT), CAST(SUM(s.satisfied) AS BIGINT),
       CAST(SUM(s.reopened) AS BIGINT), CAST(SUM(s.overdue) AS BIGINT),
       CAST(SUM(s.extended) AS BIGINT), CAST(SUM(s.excluded) AS BIGINT)
FROM matter_stats s
WHERE s.dimension = $1 AND s.day >= $2 AND s.day <= $3
