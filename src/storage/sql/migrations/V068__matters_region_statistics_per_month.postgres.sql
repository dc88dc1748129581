-- The region path's histogram back to PostgreSQL's default (100 buckets) on matters and each of
-- its month partitions. V066 set 1,000 when a province's matters sat in one partition of 4M rows;
-- with a month to a partition, the planner estimates a LIKE prefix on region_path from every
-- partition's histogram, and for a list without a date (every month) that cost more than the
-- query: at 1M households over two years (29 partitions) planning one village's count took 16 ms
-- with 1,000 buckets, 7 ms with 300 and 5 ms with 100, where running it took 0.6 ms. A village's
-- or township's list no longer depends on that estimate: its size is read from its counter cells
-- and, when small, it is read through the region index (SqlMatterRepository::ListMatters).
ALTER TABLE matters ALTER COLUMN region_path SET STATISTICS -1;
ANALYZE matters (region_path);
