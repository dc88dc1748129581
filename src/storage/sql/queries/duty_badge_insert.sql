INSERT INTO duty_badges (unit_id, user_id, number)
SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), COALESCE(MAX(number), 0) + 1
FROM duty_badges WHERE unit_id = CAST($1 AS BIGINT)
ON CONFLICT (unit_id, user_id) DO NOTHING
