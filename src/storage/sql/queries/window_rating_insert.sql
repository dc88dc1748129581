INSERT INTO window_ratings (service_id, stars, comment, channel, rated_at)
VALUES ($1, $2, $3, $4, $5)
