INSERT INTO matter_stats (dimension, key_id, key2, path, day, received, responded,
                          responded_on_time, replied, replied_on_time, rated, solved, satisfied,
                          reopened, overdue, extended, excluded)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
ON CONFLICT (dimension, key_id, key2, day) DO UPDATE
SET path = excluded.path,
    received = matter_stats.received + excluded.received,
    responded = matter_stats.responded + excluded.responded,
    responded_on_time = matter_stats.responded_on_time + excluded.responded_on_time,
    replied = matter_stats.replied + excluded.replied,
    replied_on_time = matter_stats.replied_on_time + excluded.replied_on_time,
    rated = matter_stats.rated + excluded.rated,
    solved = matter_stats.solved + excluded.solved,
    satisfied = matter_stats.satisfied + excluded.satisfied,
    reopened = matter_stats.reopened + excluded.reopened,
    overdue = matter_stats.overdue + excluded.overdue,
    extended = matter_stats.extended + excluded.extended,
    excluded = matter_stats.excluded + excluded.excluded
