INSERT INTO login_pair_failures (pair_key, failures, last_failed_at) VALUES ($1, 1, $2)
ON CONFLICT (pair_key) DO UPDATE SET
  failures = CASE WHEN login_pair_failures.last_failed_at <= $3 THEN 1
                  ELSE login_pair_failures.failures + 1 END,
  last_failed_at = excluded.last_failed_at
RETURNING failures
