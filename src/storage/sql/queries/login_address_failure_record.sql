INSERT INTO login_address_failures (address_key, failed_at, failures) VALUES ($1, $2, 1)
ON CONFLICT (address_key, failed_at) DO UPDATE SET
  failures = login_address_failures.failures + 1
