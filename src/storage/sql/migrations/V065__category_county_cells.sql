-- Category × county cells of the three-rate counters (domain::StatsDimension::kCategoryCounty):
-- key = category id, key2 = the county, path = the county's path. A dashboard over several
-- counties (a province's or a city's) reads them instead of every township's cells. AddStats
-- books them from now on; this builds them, day cells and month cells, from the category ×
-- township cells already stored, which count the same matters. A township cell's county is the
-- township's parent. A cell without a township (a matter booked on a county or above) belongs to
-- its own region when that region is a county: a root that is not a city (a city is level 0),
-- or a child of a city root.
INSERT INTO matter_stats (dimension, key_id, key2, path, day, received, responded,
                          responded_on_time, replied, replied_on_time, rated, solved, satisfied,
                          reopened, overdue, extended, excluded)
SELECT CASE WHEN s.dimension = 'category_township' THEN 'category_county'
            ELSE 'category_county@m' END,
       s.key_id,
       COALESCE(c.id, 0),
       COALESCE(c.path, s.path),
       s.day,
       CAST(SUM(s.received) AS BIGINT),
       CAST(SUM(s.responded) AS BIGINT),
       CAST(SUM(s.responded_on_time) AS BIGINT),
       CAST(SUM(s.replied) AS BIGINT),
       CAST(SUM(s.replied_on_time) AS BIGINT),
       CAST(SUM(s.rated) AS BIGINT),
       CAST(SUM(s.solved) AS BIGINT),
       CAST(SUM(s.satisfied) AS BIGINT),
       CAST(SUM(s.reopened) AS BIGINT),
       CAST(SUM(s.overdue) AS BIGINT),
       CAST(SUM(s.extended) AS BIGINT),
       CAST(SUM(s.excluded) AS BIGINT)
FROM matter_stats s
LEFT JOIN regions township ON s.key2 <> 0 AND township.id = s.key2
LEFT JOIN regions own ON s.key2 = 0 AND own.path = s.path
LEFT JOIN regions own_parent ON own_parent.id = own.parent_id
LEFT JOIN regions c ON c.id = CASE
    WHEN s.key2 <> 0 THEN township.parent_id
    WHEN own.parent_id IS NULL AND own.level <> 0 THEN own.id
    WHEN own_parent.parent_id IS NULL AND own_parent.level = 0 THEN own.id
  END
WHERE s.dimension IN ('category_township', 'category_township@m')
GROUP BY 1, 2, 3, 4, 5;
