-- SettingsRepository::CountRequest: one more request of bucket $1 in the window that started at
-- $2, in one statement that two processes may run at once; the window's requests so far.
INSERT INTO request_windows (bucket_key, window_start, hits) VALUES ($1, $2, 1)
ON CONFLICT (bucket_key, window_start) DO UPDATE SET hits = request_windows.hits + 1
RETURNING hits
