-- Month cells of the three-rate counters (app::kStatsMonthSuffix): "<dimension>@m" with day =
-- the first day of the month holds the sum of that month's day cells, so SumStats reads whole
-- months from one cell per key. AddStats books both from now on; this builds them for the day
-- cells already stored.
INSERT INTO matter_stats (dimension, key_id, key2, path, day, received, responded,
                          responded_on_time, replied, replied_on_time, rated, solved, satisfied,
                          reopened, overdue)
SELECT dimension || '@m', key_id, key2, MAX(path),
       CAST(CAST(date_trunc('month', DATE '1970-01-01' + CAST(day AS INTEGER)) AS DATE) - DATE '1970-01-01' AS BIGINT),
       CAST(SUM(received) AS BIGINT),
       CAST(SUM(responded) AS BIGINT),
       CAST(SUM(responded_on_time) AS BIGINT),
       CAST(SUM(replied) AS BIGINT),
       CAST(SUM(replied_on_time) AS BIGINT),
       CAST(SUM(rated) AS BIGINT),
       CAST(SUM(solved) AS BIGINT),
       CAST(SUM(satisfied) AS BIGINT),
       CAST(SUM(reopened) AS BIGINT),
       CAST(SUM(overdue) AS BIGINT)
FROM matter_stats
WHERE dimension NOT LIKE '%@m'
GROUP BY dimension, key_id, key2, CAST(CAST(date_trunc('month', DATE '1970-01-01' + CAST(day AS INTEGER)) AS DATE) - DATE '1970-01-01' AS BIGINT);
